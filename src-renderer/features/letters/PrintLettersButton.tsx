import { useMemo, useState } from 'react';
import { Alert, Button, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRecords, useToday } from '../../ui/hooks';
import type { LetterKind } from '../../domain/letter-input';
import { asLetterProblem } from './useDueLetters';
import { openPendingTab, printLetters, type BatchProgress, type BatchResult, type LetterOrder } from './letter-production';
import { copyPlanOf, withCopies } from './letter-copies';
import { CopiesConfirm } from './CopiesConfirm';
import { customersById } from '../../ui/customers-by-id';
import { useLetterWarmUp } from './useLetterWarmUp';

type State = { type: 'idle' } | { type: 'confirm' } | { type: 'running'; progress: BatchProgress } | { type: 'done'; result: BatchResult } | { type: 'error'; message: string };

/**
 * "Print today's letters": archives each letter with a progress bar, then opens all of them in one
 * PDF (the print dialog in the desktop app, a new tab in the browser). When some letters' steps also
 * send them by email, a first dialog says how many copies will go (and who has no address), with
 * the choice not to send them; each copy is queued with its letter (letter-production.ts).
 */
export function PrintLettersButton({ orders, short = false }: { orders: readonly LetterOrder[]; short?: boolean }) {
  const { t } = useTranslation();
  const records = useRecords();
  const today = useToday();
  const [state, setState] = useState<State>({ type: 'idle' });
  useLetterWarmUp(orders.length > 0);
  const problemText = (reason: string) => {
    const problem = asLetterProblem(reason);
    return problem ? t(`courrier.problems.${problem}`) : reason;
  };
  const customerName = (id: string) => (records ? customersById(records.customers).get(id)?.name : undefined) ?? '';
  const [sendCopies, setSendCopies] = useState(true);
  const copies = useMemo(
    () => (records ? copyPlanOf(orders, records.policies, customersById(records.customers)) : { withAddress: [], withoutAddress: [] }),
    [orders, records],
  );
  const asksForCopies = copies.withAddress.length + copies.withoutAddress.length > 0;

  const start = (send: boolean) => {
    if (!records || orders.length === 0) return;
    // Opened now, while the click counts: browsers block tabs opened later.
    const tab = openPendingTab();
    setState({ type: 'running', progress: { done: 0, total: orders.length, phase: 'archiving' } });
    printLetters(withCopies(orders, copies, send), records, today, (kind: LetterKind) => t(`courrier.kinds.${kind}`), (progress) => setState({ type: 'running', progress }), tab).then(
      (result) => setState({ type: 'done', result }),
      (error: unknown) => setState({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const progress = state.type === 'running' ? state.progress : undefined;
  return (
    <>
      <Button size={short ? 'xs' : 'sm'} disabled={orders.length === 0 || !records} loading={state.type === 'running'} onClick={() => (asksForCopies ? setState({ type: 'confirm' }) : start(false))}>
        {t(short ? 'courrier.print.buttonShort' : 'courrier.print.button', { count: orders.length })}
      </Button>
      <Modal opened={state.type !== 'idle'} onClose={() => state.type !== 'running' && setState({ type: 'idle' })} title={state.type === 'confirm' ? t('mailcopy.print.title') : t('courrier.print.progressTitle')} closeOnClickOutside={false} withCloseButton={state.type !== 'running'}>
        <Stack>
          {state.type === 'confirm' && (
            <CopiesConfirm plan={copies} customerName={customerName} send={sendCopies} onSendChange={setSendCopies} onCancel={() => setState({ type: 'idle' })} onConfirm={() => start(sendCopies)} />
          )}
          {progress && (
            <>
              <Progress
                value={progress.phase === 'printing' ? 100 : Math.round((100 * progress.done) / Math.max(1, progress.total))}
                animated
                aria-label={t('courrier.print.progressLabel')}
              />
              <Text size="sm">
                {progress.phase === 'printing'
                  ? t('courrier.print.printing', { total: progress.total })
                  : t('courrier.print.archiving', { done: progress.done + 1, total: progress.total })}
              </Text>
            </>
          )}
          {state.type === 'done' && (
            <>
              <Progress value={100} aria-label={t('courrier.print.progressLabel')} />
              <Alert color={state.result.failed.length > 0 ? 'yellow' : 'green'}>
                <Text size="sm">{t('courrier.print.done', { count: state.result.produced.length })}</Text>
                {state.result.produced.length > 0 && (
                  <Text size="sm">{t(state.result.printed ? 'courrier.print.printedDesktop' : 'courrier.print.printedBrowser')}</Text>
                )}
                <CopiesDone result={state.result} />
                {state.result.failed.length > 0 && (
                  <List size="sm">
                    {state.result.failed.map(({ order, reason }) => (
                      <List.Item key={`${order.customerId}-${order.kind}`}>
                        {t('courrier.print.failed', { customer: customerName(order.customerId), reason: problemText(reason) })}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Alert>
              <Button onClick={() => setState({ type: 'idle' })}>{t('common.close')}</Button>
            </>
          )}
          {state.type === 'error' && (
            <>
              <Alert color="red">{t('courrier.print.error', { message: state.message })}</Alert>
              <Button onClick={() => setState({ type: 'idle' })}>{t('common.close')}</Button>
            </>
          )}
        </Stack>
      </Modal>
    </>
  );
}

/** After printing: how many copies were queued by email, and who got none for want of an address. */
function CopiesDone({ result }: { result: BatchResult }) {
  const { t } = useTranslation();
  const queued = result.produced.filter((letter) => letter.copy === 'queued').length;
  const skipped = result.produced.filter((letter) => letter.copy === 'no-address');
  return (
    <>
      {queued > 0 && <Text size="sm">{t('mailcopy.print.queued', { count: queued })}</Text>}
      {skipped.map((letter) => (
        <Text size="sm" key={letter.archiveId}>
          {t('mailcopy.print.skipped', { customer: letter.input.recipient.name })}
        </Text>
      ))}
    </>
  );
}
