import { useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { getDatabase } from '../../db';
import { PolicyRefusedError, savePolicy } from '../../db/policies-repo';
import { builtInTemplates } from '../../domain/builtin-templates';
import { letterTemplates, LETTER_TEMPLATE_IDS } from '../../domain/letter-templates';
import type { Channel, FollowUpPolicy, FollowUpStep, Tone } from '../../domain/model';
import { validatePolicy, type PolicyProblem } from '../../domain/policies';
import { canSendCopyByEmail } from '../../domain/letter-copy';
import { addStep, moveStep, problemsByStep, removeStep, STEP_CHANNELS, STEP_TONES, templateChoices, updateStep } from '../../domain/policy-editing';

/** The templates a step can name: the built-in messages and letters (a payment plan agreement is no follow-up step). */
const STEP_TEMPLATES = [...builtInTemplates(), ...letterTemplates()].filter((template) => template.id !== LETTER_TEMPLATE_IDS.paymentPlan);

type EditorProblem = PolicyProblem | { code: 'no-name' | 'built-in' };

function dayLabel(t: TFunction, offsetDays: number): string {
  if (offsetDays < 0) return t('engine.editor.dayBefore', { count: -offsetDays });
  return offsetDays === 0 ? t('engine.editor.dayOn') : t('engine.editor.dayAfter', { count: offsetDays });
}

/** A validation problem in plain words (`engine.editor.problems.*`). */
export function policyProblemText(t: TFunction, problem: EditorProblem): string {
  const params = 'params' in problem ? (problem.params ?? {}) : {};
  switch (problem.code) {
    case 'steps-out-of-order':
      return t('engine.editor.problems.steps-out-of-order', { previous: dayLabel(t, Number(params.previousOffsetDays)) });
    case 'escalation-before-two-reminders':
      return t('engine.editor.problems.escalation-before-two-reminders', { count: Number(params.reminders), required: Number(params.required) });
    default:
      return t(`engine.editor.problems.${problem.code}`);
  }
}

/**
 * Creating or changing one of the shop's policies, in a dialog: its name and its steps (day, channel,
 * tone, template, new deadline, automatic). Saving checks the policy with `validatePolicy` and shows
 * each reason next to its step; nothing is stored until it passes. `isNew`: a policy not stored yet
 * (from scratch or a duplicate).
 */
export function PolicyEditor({ initial, isNew, onClose }: { initial: FollowUpPolicy; isNew: boolean; onClose: (saved?: FollowUpPolicy) => void }) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<FollowUpPolicy>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<EditorProblem[]>([]);
  const validation = useMemo(() => validatePolicy(policy), [policy]);
  const byStep = useMemo(() => problemsByStep(validation, policy), [validation, policy]);
  const nameMissing = policy.name.trim() === '';

  const change = (index: number, changes: Partial<Omit<FollowUpStep, 'id'>>) => setPolicy((p) => updateStep(p, index, changes, STEP_TEMPLATES));

  const save = async () => {
    setSubmitted(true);
    if (!validation.ok || nameMissing) {
      notifications.show({ color: 'red', message: t('engine.editor.notSaved') });
      return;
    }
    setSaving(true);
    try {
      await savePolicy(getDatabase(), policy);
      notifications.show({ color: 'green', message: t('engine.editor.saved', { name: policy.name.trim() }) });
      onClose({ ...policy, name: policy.name.trim() });
    } catch (error) {
      if (error instanceof PolicyRefusedError) setRefused(error.problems);
      else throw error;
    } finally {
      setSaving(false);
    }
  };

  const general = submitted ? [...(byStep.get('') ?? []), ...refused.filter((p) => p.code === 'built-in')] : [];
  const stepProblems = (step: FollowUpStep) => (submitted ? (byStep.get(step.id) ?? []) : []);
  const title = isNew ? t('engine.editor.createTitle') : t('engine.editor.editTitle', { name: initial.name });

  return (
    <Modal opened onClose={() => onClose()} title={title} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('engine.editor.intro')}
        </Text>
        <TextInput
          label={t('engine.editor.name')}
          required
          value={policy.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setPolicy((p) => ({ ...p, name }));
          }}
          error={submitted && nameMissing ? t('engine.editor.problems.no-name') : undefined}
          maxLength={80}
        />
        {general.map((problem) => (
          <Alert key={problem.code} color="red">
            {policyProblemText(t, problem)}
          </Alert>
        ))}
        {policy.steps.map((step, index) => (
          <StepFields
            key={step.id}
            step={step}
            index={index}
            count={policy.steps.length}
            problems={stepProblems(step)}
            onChange={(changes) => change(index, changes)}
            onMove={(direction) => setPolicy((p) => moveStep(p, index, direction))}
            onRemove={() => setPolicy((p) => removeStep(p, index))}
          />
        ))}
        <Group>
          <Button variant="default" onClick={() => setPolicy((p) => addStep(p, templateChoices('phone', 'friendly', STEP_TEMPLATES)[0] ?? 'phone-call'))}>
            {t('engine.editor.addStep')}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {t('engine.editor.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface StepFieldsProps {
  step: FollowUpStep;
  index: number;
  count: number;
  problems: PolicyProblem[];
  onChange: (changes: Partial<Omit<FollowUpStep, 'id'>>) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of the editor, with its problems written under it. */
function StepFields({ step, index, count, problems, onChange, onMove, onRemove }: StepFieldsProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const label = t('engine.editor.step', { n });
  const choices = templateChoices(step.channel, step.tone, STEP_TEMPLATES);
  const templateOptions = (choices.includes(step.templateId) ? choices : [step.templateId, ...choices]).map((id) => ({
    value: id,
    label: t(`engine.editor.templates.${id}`, { defaultValue: id }),
  }));
  const wholeOrNaN = (value: string | number) => (typeof value === 'number' ? value : value.trim() === '' || value === '-' ? Number.NaN : Number(value));

  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h6">
            {label}
          </Title>
          <Group gap={4}>
            <ActionIcon variant="subtle" aria-label={t('engine.editor.moveUp', { n })} disabled={index === 0} onClick={() => onMove(-1)}>
              ↑
            </ActionIcon>
            <ActionIcon variant="subtle" aria-label={t('engine.editor.moveDown', { n })} disabled={index === count - 1} onClick={() => onMove(1)}>
              ↓
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={t('engine.editor.remove', { n })} onClick={onRemove}>
              ×
            </ActionIcon>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('engine.editor.offset')}
            description={t('engine.editor.offsetHint')}
            value={Number.isNaN(step.offsetDays) ? '' : step.offsetDays}
            onChange={(value) => onChange({ offsetDays: wholeOrNaN(value) })}
            allowDecimal={false}
          />
          <Select
            label={t('engine.editor.channel')}
            data={STEP_CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))}
            value={step.channel}
            allowDeselect={false}
            onChange={(value) => value && onChange({ channel: value as Channel })}
          />
          <Select
            label={t('engine.editor.tone')}
            data={STEP_TONES.map((tone) => ({ value: tone, label: t(`policies.tones.${tone}`) }))}
            value={step.tone}
            allowDeselect={false}
            onChange={(value) => value && onChange({ tone: value as Tone })}
          />
          <Select label={t('engine.editor.template')} data={templateOptions} value={step.templateId} allowDeselect={false} onChange={(value) => value && onChange({ templateId: value })} />
          <NumberInput
            label={t('engine.editor.deadline')}
            description={t('engine.editor.deadlineHint')}
            value={Number.isNaN(step.newDeadlineDays) ? '' : step.newDeadlineDays}
            onChange={(value) => onChange({ newDeadlineDays: wholeOrNaN(value) })}
            allowDecimal={false}
          />
          <Checkbox
            mt="lg"
            label={t('engine.editor.automatic')}
            description={step.channel === 'email' ? undefined : t('engine.editor.automaticEmailOnly')}
            checked={step.automatic}
            disabled={step.channel !== 'email' && !step.automatic}
            onChange={(e) => onChange({ automatic: e.currentTarget.checked })}
          />
          <Checkbox
            mt="lg"
            label={t('engine.editor.alsoByEmail')}
            description={canSendCopyByEmail(step) ? t('engine.editor.alsoByEmailHint') : t('engine.editor.alsoByEmailLettersOnly')}
            checked={step.alsoByEmail === true}
            disabled={!canSendCopyByEmail(step) && !step.alsoByEmail}
            onChange={(e) => onChange({ alsoByEmail: e.currentTarget.checked })}
          />
        </SimpleGrid>
        {problems.map((problem, i) => (
          <Text key={`${problem.code}-${i}`} c="red" size="sm" role="alert">
            {policyProblemText(t, problem)}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
