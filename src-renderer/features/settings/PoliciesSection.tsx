import { useState } from 'react';
import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase, saveSettings } from '../../db';
import { BUILT_IN_TEMPLATE_IDS } from '../../domain/builtin-templates';
import { DEFAULT_POLICY_ID, policyDisplayName } from '../../domain/policies';
import { blankPolicy, duplicatePolicy } from '../../domain/policy-editing';
import type { FollowUpPolicy, FollowUpStep } from '../../domain/model';
import { useFormat } from '../../ui/format';
import { useSettings } from '../../ui/hooks';
import { PolicyEditor } from './PolicyEditor';
import { DeletePolicyDialog } from './DeletePolicyDialog';
import { usePolicies } from './usePolicies';

/** The shop's default follow-up policy, and what each policy does, step by step. */
export function PoliciesSection() {
  const { t } = useTranslation();
  const { language } = useFormat();
  const policies = usePolicies();
  const settings = useSettings();
  const current = settings?.defaultPolicyId ?? DEFAULT_POLICY_ID;
  const [shown, setShown] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ policy: FollowUpPolicy; isNew: boolean } | null>(null);
  const [deleting, setDeleting] = useState<FollowUpPolicy | null>(null);
  if (!policies || !settings) return <Text>{t('app.loading')}</Text>;
  const displayed = policies.find((p) => p.id === (shown ?? current)) ?? policies[0];
  const shopDefault = policies.find((p) => p.id === current) ?? policies[0];

  const when = (step: FollowUpStep) =>
    step.offsetDays < 0
      ? t('policies.offsetBefore', { count: -step.offsetDays })
      : step.offsetDays === 0
        ? t('policies.offsetOn')
        : t('policies.offsetAfter', { count: step.offsetDays });

  return (
    <Stack>
      <Text size="sm">{t('policies.intro')}</Text>
      <Group>
        <Button variant="default" onClick={() => setEditing({ policy: blankPolicy(crypto.randomUUID(), t('engine.policies.newName'), BUILT_IN_TEMPLATE_IDS.firstReminder), isNew: true })}>
          {t('engine.policies.newPolicy')}
        </Button>
      </Group>
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
          <Select
            label={t('engine.policies.shown')}
            data={policies.map((p) => ({ value: p.id, label: policyDisplayName(p, language) }))}
            value={displayed.id}
            allowDeselect={false}
            w={320}
            onChange={(id) => id && setShown(id)}
          />
          {displayed.description && <Text size="sm" c="dimmed">{displayed.description[language]}</Text>}
          {displayed.builtIn && <Text size="sm">{t('engine.policies.builtInNote')}</Text>}
          <Group>
            <Button
              variant="default"
              onClick={() =>
                setEditing({ policy: duplicatePolicy(displayed, crypto.randomUUID(), t('engine.policies.copyName', { name: policyDisplayName(displayed, language) })), isNew: true })
              }
            >
              {t('engine.policies.duplicate')}
            </Button>
            {!displayed.builtIn && (
              <>
                <Button variant="default" onClick={() => setEditing({ policy: displayed, isNew: false })}>
                  {t('engine.policies.edit')}
                </Button>
                <Button variant="outline" color="red" onClick={() => setDeleting(displayed)}>
                  {t('engine.policies.delete')}
                </Button>
              </>
            )}
          </Group>
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
                  <Table.Td>{step.alsoByEmail ? t('engine.policies.channelWithCopy', { channel: t(`channels.${step.channel}`) }) : t(`channels.${step.channel}`)}</Table.Td>
                  <Table.Td>{t(`policies.tones.${step.tone}`)}</Table.Td>
                  <Table.Td>{step.newDeadlineDays > 0 ? t('policies.deadlineDays', { count: step.newDeadlineDays }) : t('policies.noDeadline')}</Table.Td>
                  <Table.Td>{step.automatic ? t('policies.automatic') : t('policies.manual')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {editing && (
        <PolicyEditor
          initial={editing.policy}
          isNew={editing.isNew}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setShown(saved.id);
          }}
        />
      )}
      {deleting && shopDefault && (
        <DeletePolicyDialog
          policy={deleting}
          shopDefault={deleting.id === shopDefault.id ? undefined : shopDefault}
          onClose={(deleted) => {
            setDeleting(null);
            if (deleted) setShown(null);
          }}
        />
      )}
    </Stack>
  );
}
