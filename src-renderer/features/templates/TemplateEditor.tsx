import { useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, List, Menu, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { revertTemplate, saveTemplateOverride } from '../../db/template-overrides-repo';
import { CLOSING_LINE } from '../../domain/builtin-templates';
import type { Language, MessageTemplate, TemplateOverride } from '../../domain/model';
import { originalTemplate, resolveTemplate, templateWarnings } from '../../domain/template-overrides';
import { validateTemplate, type TemplateIssue } from '../../domain/templates';
import { nowIso } from '../../os/clock';
import { TemplatePreviewPanel } from './TemplatePreviewPanel';
import { INSERTABLE_FIELDS } from './template-catalog';
import { useTemplateName } from './useTemplateName';

type Part = 'subject' | 'body';

/** Typing pauses this long before the preview is drawn again. */
const PREVIEW_DELAY_MS = 250;

/** The text with the tag that starts at `offset` replaced by `{{name}}` (a suggested field). */
function replaceTagAt(source: string, offset: number, name: string): string {
  const end = source.indexOf('}}', offset);
  return end < 0 ? source : `${source.slice(0, offset)}{{${name}}}${source.slice(end + 2)}`;
}

/**
 * One template in one language: subject and body, the merge-field menu, what must be fixed before
 * saving (unknown or misplaced fields with their line and column), what is worth checking (the
 * courtesy closing line, threatening words), save, discard, back to the original, and the preview.
 */
export function TemplateEditor({ id, language, override }: { id: string; language: Language; override: TemplateOverride | undefined }) {
  const { t } = useTranslation();
  const templateName = useTemplateName();
  const original = useMemo(() => originalTemplate(id, language), [id, language]);
  const current = useMemo(() => resolveTemplate(id, language, override ? { [id]: { [language]: override } } : undefined), [id, language, override]);
  const [subject, setSubject] = useState(current?.subject ?? '');
  const [body, setBody] = useState(current?.body ?? '');
  const [saving, setSaving] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastFocused = useRef<Part>('body');
  const [debouncedSubject] = useDebouncedValue(subject, PREVIEW_DELAY_MS);
  const [debouncedBody] = useDebouncedValue(body, PREVIEW_DELAY_MS);

  const hasSubject = original?.subject !== undefined;
  const edited = useMemo<MessageTemplate | undefined>(
    () => (original ? { ...original, body, ...(hasSubject ? { subject } : {}), builtIn: false } : undefined),
    [original, body, subject, hasSubject],
  );
  const issues = useMemo(() => (edited ? validateTemplate(edited) : []), [edited]);
  const warnings = useMemo(() => (edited ? templateWarnings(edited, original) : []), [edited, original]);
  const previewed = useMemo<MessageTemplate | undefined>(
    () => (original ? { ...original, body: debouncedBody, ...(hasSubject ? { subject: debouncedSubject } : {}), builtIn: false } : undefined),
    [original, debouncedBody, debouncedSubject, hasSubject],
  );
  if (!original || !current || !edited || !previewed) return null;

  const dirty = body !== current.body || (hasSubject && subject !== current.subject);
  const name = templateName(id);
  const partName = (part: Part) => t(`templates.parts.${part}`);
  const fieldTag = (field: string | undefined) => (field === undefined ? '' : `{{${field}}}`);

  const insertField = (field: string) => {
    const part = hasSubject ? lastFocused.current : 'body';
    const element = part === 'subject' ? subjectRef.current : bodyRef.current;
    const value = part === 'subject' ? subject : body;
    const tag = `{{${field}}}`;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    const next = `${value.slice(0, start)}${tag}${value.slice(end)}`;
    if (part === 'subject') setSubject(next);
    else setBody(next);
    // Put the cursor after the field once React has written the new value.
    window.requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };

  const applySuggestion = (issue: TemplateIssue) => {
    if (issue.offset === undefined || !issue.suggestion) return;
    if (issue.part === 'subject') setSubject((value) => replaceTagAt(value, issue.offset as number, issue.suggestion as string));
    else setBody((value) => replaceTagAt(value, issue.offset as number, issue.suggestion as string));
  };

  const save = async () => {
    if (issues.length > 0) {
      notifications.show({ color: 'red', message: t('templates.refused') });
      return;
    }
    setSaving(true);
    try {
      await saveTemplateOverride(getDatabase(), { id, language, body, ...(hasSubject ? { subject } : {}) }, nowIso());
      notifications.show({ color: 'green', message: t('templates.saved') });
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setSaving(false);
    }
  };

  const revert = () =>
    modals.openConfirmModal({
      title: t('templates.revertTitle'),
      children: <Text size="sm">{t('templates.revertConfirm', { name, language: t(`languages.${language}`) })}</Text>,
      labels: { confirm: t('templates.revert'), cancel: t('common.cancel') },
      onConfirm: () =>
        void revertTemplate(getDatabase(), id, language).then(() => {
          setBody(original.body);
          setSubject(original.subject ?? '');
          notifications.show({ message: t('templates.reverted') });
        }),
    });

  const issueText = (issue: TemplateIssue) => {
    const problem = t(`templates.issues.${issue.code}`, { field: issue.code === 'malformed-tag' ? (issue.field ?? '') : fieldTag(issue.field), open: '{{#…}}', close: '{{/…}}' });
    const where = issue.line !== undefined ? t('templates.issueAt', { part: partName(issue.part), line: issue.line, column: issue.column ?? 1, problem }) : t('templates.issueNoPlace', { part: partName(issue.part), problem });
    return issue.suggestion ? `${where}. ${t('templates.didYouMean', { suggestion: fieldTag(issue.suggestion) })}` : where;
  };

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack gap="sm" component="form" aria-label={name} onSubmit={(event) => { event.preventDefault(); void save(); }}>
        <Group gap="xs">
          <Badge variant="light">{t(`channels.${original.channel}`)}</Badge>
          <Badge variant="light" color="gray">
            {t('templates.tone', { tone: t(`policies.tones.${original.tone}`) })}
          </Badge>
          {override ? <Badge color="orange">{t('templates.edited')}</Badge> : <Badge color="gray" variant="outline">{t('templates.original')}</Badge>}
        </Group>
        {hasSubject && (
          <TextInput
            ref={subjectRef}
            label={t('templates.subject')}
            value={subject}
            onFocus={() => (lastFocused.current = 'subject')}
            onChange={(event) => setSubject(event.currentTarget.value)}
            error={issues.some((issue) => issue.part === 'subject') || undefined}
          />
        )}
        <Textarea
          ref={bodyRef}
          label={t('templates.body')}
          value={body}
          autosize
          minRows={10}
          maxRows={24}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          onFocus={() => (lastFocused.current = 'body')}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={issues.some((issue) => issue.part === 'body') || undefined}
        />
        <Group gap="xs">
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button variant="default" size="xs">
                {t('templates.insertField')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
              <Menu.Label>{t('templates.insertFieldHint')}</Menu.Label>
              {INSERTABLE_FIELDS.map((field) => (
                <Menu.Item key={field.name} onClick={() => insertField(field.name)}>
                  {t(field.descriptionKey as 'templates.fields.customerName')} <Text span c="dimmed" size="xs">{`{{${field.name}}}`}</Text>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        {issues.length > 0 && (
          <Alert color="red" title={t('templates.issuesTitle')} role="alert">
            <List size="sm" spacing={4}>
              {issues.map((issue, index) => (
                <List.Item key={`${issue.part}-${issue.offset ?? index}-${issue.code}`}>
                  {issueText(issue)}{' '}
                  {issue.suggestion && issue.offset !== undefined && (
                    <Button size="compact-xs" variant="light" onClick={() => applySuggestion(issue)}>
                      {t('templates.useSuggestion', { suggestion: fieldTag(issue.suggestion) })}
                    </Button>
                  )}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert color="yellow" title={t('templates.warningsTitle')}>
            <List size="sm" spacing={4}>
              {warnings.map((warning, index) => (
                <List.Item key={`${warning.code}-${index}`}>
                  {warning.code === 'no-closing-line'
                    ? t('templates.warnings.no-closing-line', { line: CLOSING_LINE[language] })
                    : t('templates.warnings.threatening-word', { word: warning.word ?? '', part: partName(warning.part ?? 'body'), line: warning.line ?? 1 })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={saving} disabled={issues.length > 0 || !dirty}>
            {t('templates.save')}
          </Button>
          {dirty && (
            <Button
              variant="default"
              onClick={() => {
                setBody(current.body);
                setSubject(current.subject ?? '');
              }}
            >
              {t('templates.cancelChanges')}
            </Button>
          )}
          {override && (
            <Button variant="subtle" color="gray" onClick={revert}>
              {t('templates.revert')}
            </Button>
          )}
        </Group>
      </Stack>
      <TemplatePreviewPanel template={previewed} />
    </SimpleGrid>
  );
}
