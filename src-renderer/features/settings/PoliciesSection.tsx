import { useState } from 'react';
import { Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase, saveSettings } from '../../db';
import { DEFAULT_POLICY_ID, policyDisplayName } from '../../domain/policies';
import type { FollowUpStep } from '../../domain/model';
import { useFormat } from '../../ui/format';
import { useSettings } from '../../ui/hooks';
import { usePolicies } from './usePolicies';

/** The shop's default follow-up policy, and what each policy does, step by step. */
export function PoliciesSection() {
  const { t } = useTranslation();
  const { language } = useFormat();
  const policies = usePolicies();
  const settings = useSettings();
  const current = settings?.defaultPolicyId ?? DEFAULT_POLICY_ID;
  const [shown, setShown] = useState<string | null>(null);
  if (!policies || !settings) return <Text>{t('app.loading')}</Text>;
  const displayed = policies.find((p) => p.id === (shown ?? current)) ?? policies[0];

  const when = (step: FollowUpStep) =>
    step.offsetDays < 0
      ? t('policies.offsetBefore', { count: -step.offsetDays })
      : step.offsetDays === 0
        ? t('policies.offsetOn')
        : t('policies.offsetAfter', { count: step.offsetDays });

  return (
    <Stack>
      <Text size="sm">{t('policies.intro')}</Text>
      <Select
        label={t('policies.default')}
        data={policies.map((p) => ({ value: p.id, label: policyDisplayName(p, language) }))}
        value={current}
        allowDeselect={false}
        w={320}
        onChange={(id) => {
          if (!id) return;
          setShown(id);
          const policy = policies.find((p) => p.id === id);
          void saveSettings(getDatabase(), { defaultPolicyId: id }).then(() =>
            notifications.show({ color: 'green', message: t('policies.saved', { name: policy ? policyDisplayName(policy, language) : id }) }),
          );
        }}
      />
      {displayed && (
        <>
          {displayed.description && <Text size="sm" c="dimmed">{displayed.description[language]}</Text>}
          <Table withTableBorder striped aria-label={t('policies.steps', { name: policyDisplayName(displayed, language) })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.when')}</Table.Th>
                <Table.Th>{t('policies.channel')}</Table.Th>
                <Table.Th>{t('policies.tone')}</Table.Th>
                <Table.Th>{t('policies.deadline')}</Table.Th>
                <Table.Th>{t('policies.mode')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {displayed.steps.map((step) => (
                <Table.Tr key={step.id}>
                  <Table.Td>{when(step)}</Table.Td>
                  <Table.Td>{t(`channels.${step.channel}`)}</Table.Td>
                  <Table.Td>{t(`policies.tones.${step.tone}`)}</Table.Td>
                  <Table.Td>{step.newDeadlineDays > 0 ? t('policies.deadlineDays', { count: step.newDeadlineDays }) : t('policies.noDeadline')}</Table.Td>
                  <Table.Td>{step.automatic ? t('policies.automatic') : t('policies.manual')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
