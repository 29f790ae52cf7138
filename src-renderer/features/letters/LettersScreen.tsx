import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useRecords, useSettings, useToday } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { DEFAULT_SETTINGS, type Interaction } from '../../domain/model';
import { isLetterCopy, policiesWithBuiltIns, stepSendsCopy } from '../../domain/letter-copy';
import { SendLetterCopyDialog } from '../mail/SendLetterCopyDialog';
import { todayIn } from '../../domain/dates';
import { groupLetters, type ArchivedLetter } from '../../db/letters-repo';
import { routeHref, useNavigation } from '../../stores/navigation';
import { openArchivedLetter } from './letter-production';
import { LetterOrderButton } from './LetterOrderButton';
import { LetterOnDemandForm } from './LetterOnDemand';
import { PostedDialog } from './PostedDialog';
import { PrintLettersButton } from './PrintLettersButton';
import { shopProblem, useDueLetters } from './useDueLetters';
import { customersById } from '../../ui/customers-by-id';

type ArchiveFilter = 'all' | 'to-post' | 'posted';
type LetterRow = ArchivedLetter & { customerName: string; copy: Interaction | undefined };

/** The letters: those due today (print them all at once), one on demand, and the archive of every letter produced. */
export function LettersScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const navigate = useNavigation((s) => s.navigate);
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const records = useRecords();
  const due = useDueLetters();
  const [filter, setFilter] = useState<ArchiveFilter>('all');
  const [search, setSearch] = useState('');
  const [posting, setPosting] = useState<LetterRow | null>(null);
  const [emailing, setEmailing] = useState<LetterRow | null>(null);

  const archive = useMemo<LetterRow[] | undefined>(() => {
    if (!records) return undefined;
    const customers = customersById(records.customers);
    // Each letter's copy by email, the latest one (a failed copy sent again keeps its row).
    const copies = new Map<string, Interaction>();
    for (const row of records.interactions) {
      if (!isLetterCopy(row)) continue;
      const of = String(row.details?.letterCopyOf);
      const known = copies.get(of);
      if (!known || known.at < row.at) copies.set(of, row);
    }
    return groupLetters(records.interactions).map((letter) => ({ ...letter, customerName: customers.get(letter.customerId)?.name ?? '', copy: copies.get(letter.archiveId) }));
  }, [records]);

  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (archive ?? []).filter(
      (row) =>
        (filter === 'all' || (filter === 'posted') === (row.postedOn !== undefined)) &&
        (needle === '' || row.customerName.toLocaleLowerCase().includes(needle) || row.subject.toLocaleLowerCase().includes(needle)),
    );
  }, [archive, filter, search]);

  if (!records || !archive || !due) return <Text>{t('app.loading')}</Text>;

  const open = (row: LetterRow) =>
    openArchivedLetter(row.interaction).catch((error: unknown) =>
      notifications.show({ color: 'red', message: t('courrier.archive.openError', { message: error instanceof Error ? error.message : String(error) }) }),
    );

  const columns: Column<LetterRow>[] = [
    { key: 'at', header: t('courrier.archive.when'), width: '110px', render: (r) => format.date(todayIn(timeZone, r.at)), sortValue: (r) => r.at },
    {
      key: 'customer',
      header: t('courrier.archive.customer'),
      width: '1.4fr',
      render: (r) => <Anchor href={routeHref({ screen: 'customers', id: r.customerId })}>{r.customerName}</Anchor>,
      sortValue: (r) => r.customerName,
    },
    {
      key: 'kind',
      header: t('courrier.archive.kind'),
      width: '1.2fr',
      // The subject (with the invoice numbers) in the tooltip; the search looks into it too.
      render: (r) => <span title={r.subject}>{r.kind ? t(`courrier.kinds.${r.kind}`) : r.subject}</span>,
      sortValue: (r) => r.kind ?? '',
    },
    {
      key: 'posted',
      header: t('courrier.archive.posted'),
      width: '2fr',
      render: (r) => {
        const text = r.postedOn
          ? r.trackingNumber
            ? t('courrier.archive.postedWith', { date: format.date(r.postedOn), number: r.trackingNumber })
            : t('courrier.archive.postedOn', { date: format.date(r.postedOn) })
          : t('courrier.archive.notPosted');
        const copy = r.copy?.status ? t('mailcopy.archive.copy', { status: t(`callsPanel.timeline.reminderStatus.${r.copy.status}`) }) : undefined;
        const shown = copy ? `${text} · ${copy}` : text;
        return <span title={shown}>{shown}</span>;
      },
      sortValue: (r) => r.postedOn ?? '',
    },
    {
      key: 'actions',
      header: '',
      width: '430px',
      render: (r) => (
        <Group gap="xs" wrap="nowrap" justify="flex-end">
          <Button size="compact-xs" variant="light" aria-label={t('courrier.archive.openFor', { customer: r.customerName })} onClick={() => void open(r)}>
            {t('courrier.archive.open')}
          </Button>
          <Button size="compact-xs" variant="default" aria-label={t('courrier.archive.markPostedFor', { customer: r.customerName })} onClick={() => setPosting(r)}>
            {t('courrier.archive.markPosted')}
          </Button>
          <Button size="compact-xs" variant="default" aria-label={t('mailcopy.archive.sendFor', { customer: r.customerName })} onClick={() => setEmailing(r)}>
            {t('mailcopy.archive.send')}
          </Button>
        </Group>
      ),
    },
  ];

  const missingShop = shopProblem(records.settings.shop);
  // The letters whose step also sends them by email (the print dialog asks before they go).
  const policies = policiesWithBuiltIns(records.policies);
  const printable = due.filter((letter) => letter.blocker === undefined).map((letter) => letter.order);

  if (records.customers.length === 0 && archive.length === 0) {
    return (
      <>
        <ScreenHeader title={t('letters.title')} intro={t('letters.intro')} />
        <EmptyState title={t('letters.emptyTitle')} body={t('letters.emptyBody')} />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <ScreenHeader title={t('letters.title')} intro={t('letters.intro')} />
      {missingShop && (
        <Alert color="yellow">
          <Group justify="space-between">
            <Text size="sm">{t('courrier.shopMissing')}</Text>
            <Button size="xs" variant="default" onClick={() => navigate('settings')}>
              {t('courrier.goToSettings')}
            </Button>
          </Group>
        </Alert>
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="letters-due">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="letters-due">
            {t('courrier.due.title')} ({due.length})
          </Title>
          <PrintLettersButton orders={printable} />
        </Group>
        {due.length === 0 ? (
          <Text size="sm">{t('courrier.due.none')}</Text>
        ) : (
          <Table aria-label={t('courrier.due.table')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courrier.due.customer')}</Table.Th>
                <Table.Th>{t('courrier.due.kind')}</Table.Th>
                <Table.Th>{t('courrier.due.invoices')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('courrier.due.amount')}
                </Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.map((letter) => (
                <Table.Tr key={letter.action.key}>
                  <Table.Td>
                    <Anchor href={routeHref({ screen: 'customers', id: letter.action.customerId })}>{letter.action.customerName}</Anchor>
                  </Table.Td>
                  <Table.Td>
                    {stepSendsCopy(letter.action, policies) ? t('mailcopy.due.kindWithCopy', { kind: t(`courrier.kinds.${letter.order.kind}`) }) : t(`courrier.kinds.${letter.order.kind}`)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{letter.action.reasons.map((reason) => reason.number).join(', ')}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{format.money(letter.amountCents)}</Table.Td>
                  <Table.Td>
                    {letter.blocker ? (
                      <Text size="sm" c="orange.8">
                        {t('courrier.due.blocked', { reason: t(`courrier.problems.${letter.blocker}`) })}
                      </Text>
                    ) : (
                      <LetterOrderButton order={letter.order} source="letters" label={t('courrier.one.produce')} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="letters-on-demand">
        <Title order={2} size="h4" id="letters-on-demand">
          {t('courrier.onDemand.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('courrier.onDemand.hint')}
        </Text>
        <LetterOnDemandForm />
      </Paper>

      <section aria-labelledby="letters-archive">
        <Title order={2} size="h4" id="letters-archive">
          {t('courrier.archive.title')} ({archive.length})
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('courrier.archive.hint')}
        </Text>
        <Group mb="sm" align="flex-end">
          <Select
            label={t('courrier.archive.filter')}
            data={(['all', 'to-post', 'posted'] as const).map((value) => ({ value, label: t(`courrier.archive.filters.${value}`) }))}
            value={filter}
            onChange={(value) => value && setFilter(value as ArchiveFilter)}
            allowDeselect={false}
            w={180}
          />
          <TextInput label={t('courrier.archive.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} w={280} />
        </Group>
        <VirtualTable
          label={t('courrier.archive.table')}
          rows={shown}
          columns={columns}
          rowKey={(r) => r.archiveId}
          initialSort={{ key: 'at', direction: 'descending' }}
          height={420}
          empty={<Text size="sm">{t('courrier.archive.none')}</Text>}
        />
      </section>
      {emailing && <SendLetterCopyDialog letter={emailing} customerName={emailing.customerName} copy={emailing.copy} onClose={() => setEmailing(null)} />}
      {posting && <PostedDialog letter={posting} customerName={posting.customerName} today={today} onClose={() => setPosting(null)} />}
    </Stack>
  );
}
