import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { deletePolicy, PolicyInUseError } from '../../db/policies-repo';
import { policyDisplayName } from '../../domain/policies';
import { policyUsers } from '../../domain/policy-editing';
import type { FollowUpPolicy } from '../../domain/model';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useRecords } from '../../ui/hooks';

/** Names shown in the dialog before "…": a long list would not help the shopkeeper decide. */
const MAX_NAMES = 8;

function shortList(names: string[]): string {
  return names.length <= MAX_NAMES ? names.join(', ') : `${names.slice(0, MAX_NAMES).join(', ')}…`;
}

/**
 * Deleting one of the shop's policies: says which customers (and invoices) follow it and that they
 * will follow the shop's default policy instead. `shopDefault`: undefined when the policy being
 * deleted is itself the shop's default (the default then goes back to Standard).
 */
export function DeletePolicyDialog({ policy, shopDefault, onClose }: { policy: FollowUpPolicy; shopDefault?: FollowUpPolicy; onClose: (deleted: boolean) => void }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const records = useRecords();
  const [deleting, setDeleting] = useState(false);
  const users = records ? policyUsers(policy.id, records.customers, records.invoices) : { customers: [], invoices: [] };
  const inUse = users.customers.length > 0 || users.invoices.length > 0;
  const name = policyDisplayName(policy, language);
  const defaultName = shopDefault ? policyDisplayName(shopDefault, language) : 'Standard';

  const confirm = async () => {
    setDeleting(true);
    try {
      // Reassigning is what the user confirmed when the dialog named the users; without users, a
      // customer assigned meanwhile (another window) makes the repository refuse.
      await deletePolicy(getDatabase(), policy.id, nowIso(), { reassignToShopDefault: inUse });
      notifications.show({ color: 'green', message: t('engine.policies.deleted', { name }) });
      onClose(true);
    } catch (error) {
      if (!(error instanceof PolicyInUseError)) throw error;
      setDeleting(false);
    }
  };

  return (
    <Modal opened onClose={() => onClose(false)} title={t('engine.policies.deleteTitle', { name })}>
      <Stack>
        <Text size="sm">{t('engine.policies.deleteConfirm', { name })}</Text>
        {users.customers.length > 0 && (
          <Text size="sm">{t('engine.policies.inUse', { count: users.customers.length, names: shortList(users.customers.map((c) => c.name)) })}</Text>
        )}
        {users.invoices.length > 0 && (
          <Text size="sm">{t('engine.policies.inUseInvoices', { count: users.invoices.length, numbers: shortList(users.invoices.map((i) => i.number)) })}</Text>
        )}
        {inUse && <Text size="sm">{t('engine.policies.reassign', { name: defaultName })}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={deleting} onClick={() => void confirm()}>
            {inUse ? t('engine.policies.deleteAndReassign') : t('engine.policies.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
