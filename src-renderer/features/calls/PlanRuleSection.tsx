import { NativeSelect } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { getPlanRule, savePlanRule } from '../../db/plans-repo';
import type { PlanRule } from '../../domain/calls';

const GRADES = ['A', 'B', 'C', 'D'] as const;

/** Réglages: who may get a payment plan — case by case, or customers of a minimum grade (metrics.ts). */
export function PlanRuleSection() {
  const { t } = useTranslation();
  const rule = useLiveQuery(() => getPlanRule(getDatabase()), []);
  if (!rule) return null;
  const value = rule.mode === 'manual' ? 'manual' : rule.minGrade;
  const change = async (next: string) => {
    const updated: PlanRule = next === 'manual' ? { mode: 'manual' } : { mode: 'min-grade', minGrade: next as (typeof GRADES)[number] };
    await savePlanRule(getDatabase(), updated);
    notifications.show({ color: 'green', message: t('callsPanel.plan.ruleSaved') });
  };
  return (
    <NativeSelect
      label={t('callsPanel.plan.rule')}
      data={[{ value: 'manual', label: t('callsPanel.plan.ruleManual') }, ...GRADES.map((grade) => ({ value: grade, label: t('callsPanel.plan.ruleGrade', { grade }) }))]}
      value={value}
      onChange={(e) => void change(e.currentTarget.value)}
      w={420}
    />
  );
}
