import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  Modal,
  Progress,
  ScrollArea,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { getDatabase, getSettings } from '../../db';
import { todayIn } from '../../domain/dates';
import { importGate } from './import-gate';
import type { ImportPreview, ImportResult } from '../../db/import-repo';
import { applyImportInWorker, previewImportInWorker } from './import-in-worker';
import { getImportMapping, saveImportMapping } from '../../db/import-mappings-repo';
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ColumnMapping, type CsvImportResult, type ImportField } from '../../domain/csv-import';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { parseInWorker } from './parse-in-worker';

type Stage = 'idle' | 'reading' | 'checking' | 'writing';

interface Parsed {
  fileName: string;
  bytes: Uint8Array;
  result: CsvImportResult;
  preview: ImportPreview | null;
}

/** One refused line for the table: the parser's and the database's reasons together, by line. */
interface Refusal {
  line: number;
  column?: string;
  reason: string;
}

const DELIMITER_NAMES = { ';': 'semicolon', ',': 'comma', '\t': 'tab' } as const;

/**
 * The CSV import: pick a file, check the columns, see every refused line and what will change, then
 * import — everything or nothing by default, the valid lines only if the user says so. One
 * transaction: a failure writes nothing.
 */
export function ImportWizard({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [step, setStep] = useState(0);
  const [stage, setStage] = useState<Stage>('idle');
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Share of the records written, while writing. */
  const [progress, setProgress] = useState<number | null>(null);

  const reset = () => {
    setStep(0);
    setStage('idle');
    setParsed(null);
    setValidOnly(false);
    setDone(null);
    setError(null);
  };
  const close = () => {
    // The transaction goes on once started: the wizard stays until it says how it ended.
    if (stage === 'writing') return;
    reset();
    onClose();
  };
  /** Only the latest parse counts: a column changed twice quickly must not end on the older result. */
  const latestRequest = useRef(0);

  const analyse = async (fileName: string, bytes: Uint8Array, mapping?: ColumnMapping) => {
    const request = ++latestRequest.current;
    setError(null);
    setStage('reading');
    try {
      let result = await parseInWorker(bytes, mapping);
      if (!mapping) {
        // A layout seen before gets the columns the user chose then.
        const remembered = await getImportMapping(getDatabase(), result.layoutSignature);
        if (remembered) result = await parseInWorker(bytes, remembered);
      }
      setStage('checking');
      const preview = result.rows.length > 0 ? await previewImportInWorker(getDatabase(), result.rows) : null;
      if (request !== latestRequest.current) return;
      setParsed({ fileName, bytes, result, preview });
      setValidOnly(false);
    } catch (e) {
      if (request === latestRequest.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (request === latestRequest.current) setStage('idle');
    }
  };

  const onFile = async (file: File | null) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    await analyse(file.name, bytes);
    setStep(1);
  };

  const changeMapping = (field: ImportField, header: string | null) => {
    if (!parsed) return;
    const mapping: ColumnMapping = { ...parsed.result.mapping };
    if (header) mapping[field] = header;
    else delete mapping[field];
    void analyse(parsed.fileName, parsed.bytes, mapping);
  };

  const refusals: Refusal[] = parsed
    ? [
        ...parsed.result.errors.map((e) => ({
          line: e.line,
          ...(e.column ? { column: e.column } : {}),
          reason: t(`import.parseErrors.${e.code}`, e.params),
        })),
        ...(parsed.preview?.rejected ?? []).map((r) => ({ line: r.line, reason: t(`import.rejections.${r.code}`, r.params) })),
      ].sort((a, b) => a.line - b.line)
    : [];
  const { importable, canImport } = importGate({
    parseErrors: parsed?.result.errors.length ?? 0,
    rows: parsed?.result.rows.length ?? 0,
    rejectedByDatabase: parsed?.preview?.rejected.length ?? 0,
    validOnly,
  });
  // A line can fail several checks: the summary counts lines, the table lists every reason.
  const refusedLines = new Set(refusals.map((r) => r.line)).size;

  const runImport = async () => {
    if (!parsed) return;
    setStage('writing');
    setProgress(0);
    setError(null);
    try {
      const db = getDatabase();
      await saveImportMapping(db, parsed.result.layoutSignature, parsed.result.mapping);
      const now = nowIso();
      const today = todayIn((await getSettings(db)).timeZone, now);
      const result = await applyImportInWorker(db, parsed.result.rows, { nowIso: now, today, fileName: parsed.fileName }, (written, total) =>
        setProgress(total > 0 ? Math.round((written / total) * 100) : 100),
      );
      setDone({ ...result, rejected: [...result.rejected] });
      setStep(3);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStage('idle');
    }
  };

  const stageLabel = stage === 'reading' ? t('import.reading') : stage === 'checking' ? t('import.checking') : t('import.writing');

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('import.title')}
      size="xl"
      closeOnClickOutside={false}
      closeOnEscape={stage !== 'writing'}
      withCloseButton={stage !== 'writing'}
    >
      <Stack>
        <Stepper active={step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => s < step && step < 3 && setStep(s)}>
          <Stepper.Step label={t('import.stepFile')}>
            <Stack>
              <Text size="sm">{t('import.intro')}</Text>
              <FileButton onChange={(file) => void onFile(file)} accept=".csv,.txt,text/csv,text/plain">
                {(props) => (
                  <Button {...props} loading={stage !== 'idle'} w="fit-content">
                    {t('import.chooseFile')}
                  </Button>
                )}
              </FileButton>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('import.stepColumns')}>
            {parsed && (
              <Stack>
                <Text size="sm" c="dimmed">
                  {t('import.detected', {
                    file: parsed.fileName,
                    encoding: parsed.result.encoding,
                    delimiter: t(`import.delimiters.${DELIMITER_NAMES[parsed.result.delimiter]}`),
                    rows: format.number(parsed.result.rows.length + new Set(parsed.result.errors.filter((e) => e.line > 1).map((e) => e.line)).size),
                  })}
                </Text>
                <Text size="sm">{t('import.columnsHint')}</Text>
                {parsed.result.missingFields.length > 0 && (
                  <Alert color="red" role="alert">
                    {t('import.missingColumns', { fields: parsed.result.missingFields.map((f) => t(`import.fields.${f}`)).join(', ') })}
                  </Alert>
                )}
                <Table>
                  <Table.Tbody>
                    {IMPORT_FIELDS.map((field) => (
                      <Table.Tr key={field}>
                        <Table.Td w="40%">
                          {t(`import.fields.${field}`)}
                          {REQUIRED_FIELDS.includes(field) && (
                            <Text span c="dimmed" size="xs">
                              {' '}
                              ({t('import.required')})
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Select
                            aria-label={t(`import.fields.${field}`)}
                            data={parsed.result.headers.filter(Boolean)}
                            value={parsed.result.mapping[field] ?? null}
                            placeholder={t('import.notInFile')}
                            onChange={(value) => changeMapping(field, value)}
                            clearable
                            size="xs"
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Group justify="flex-end">
                  <Button variant="default" onClick={close}>
                    {t('import.cancel')}
                  </Button>
                  <Button onClick={() => setStep(2)} disabled={parsed.result.missingFields.length > 0 || stage !== 'idle'}>
                    {t('import.next')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Step>

          <Stepper.Step label={t('import.stepCheck')}>
            {parsed && (
              <Stack>
                <List size="sm" spacing={2}>
                  <List.Item>{t('import.summaryNew', { count: parsed.preview?.created ?? 0 })}</List.Item>
                  <List.Item>{t('import.summaryUpdated', { count: parsed.preview?.updated ?? 0 })}</List.Item>
                  <List.Item>{t('import.summaryUnchanged', { count: parsed.preview?.unchanged ?? 0 })}</List.Item>
                  <List.Item>{t('import.summaryCustomers', { count: parsed.preview?.customersToCreate.length ?? 0 })}</List.Item>
                  <List.Item>{t('import.summaryRejected', { count: refusedLines })}</List.Item>
                </List>
                {refusals.length > 0 && (
                  <>
                    <Text fw={600} size="sm" id="import-refusals">
                      {t('import.errorsTitle')}
                    </Text>
                    <ScrollArea.Autosize mah={260}>
                      <Table striped withTableBorder aria-label={t('import.errorsTable')}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('import.line')}</Table.Th>
                            <Table.Th>{t('import.column')}</Table.Th>
                            <Table.Th>{t('import.reason')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {refusals.map((r, index) => (
                            <Table.Tr key={`${r.line}-${index}`}>
                              <Table.Td>{r.line}</Table.Td>
                              <Table.Td>{r.column ?? ''}</Table.Td>
                              <Table.Td>{r.reason}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </ScrollArea.Autosize>
                    <Alert color="yellow">{t('import.allOrNothing')}</Alert>
                    <Checkbox
                      label={t('import.importValidOnly', { count: importable })}
                      checked={validOnly}
                      onChange={(e) => setValidOnly(e.currentTarget.checked)}
                      disabled={importable === 0}
                    />
                  </>
                )}
                {importable === 0 && <Text size="sm">{t('import.nothingToImport')}</Text>}
                <Group justify="flex-end">
                  <Button variant="default" onClick={close}>
                    {t('import.cancel')}
                  </Button>
                  <Button onClick={() => void runImport()} disabled={!canImport} loading={stage === 'writing'}>
                    {t('import.confirm')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Step>

          <Stepper.Completed>
            {done && (
              <Stack>
                <Alert color="green" title={t('import.doneTitle')} role="status">
                  {t('import.done', {
                    created: done.created,
                    updated: done.updated,
                    unchanged: done.unchanged,
                    rejected: refusedLines,
                    customers: done.customersCreated,
                  })}
                </Alert>
                <Group justify="flex-end">
                  <Button onClick={close}>{t('import.close')}</Button>
                </Group>
              </Stack>
            )}
          </Stepper.Completed>
        </Stepper>
        {stage !== 'idle' && (
          <Stack gap={4}>
            <Text size="sm">{stageLabel}</Text>
            {stage === 'writing' && progress !== null ? (
              <Progress value={progress} aria-label={stageLabel} />
            ) : (
              <Progress value={100} animated striped aria-label={stageLabel} />
            )}
          </Stack>
        )}
        {error && (
          <Alert color="red" role="alert">
            {t('common.error', { message: error })}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
