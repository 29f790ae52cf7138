import type { DisciplineGrade } from '../../domain/metrics';

/** Mantine colours of the grades, green (pays on time) to red (chronic late payer). */
export const GRADE_COLORS: Record<DisciplineGrade, string> = { A: 'green', B: 'teal', C: 'yellow', D: 'orange', E: 'red' };
