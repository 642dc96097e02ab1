import { Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { defineMessages, useLanguage, useMessages } from '../../i18n';
import { StatusTag } from '../../shell/StatusTag';
import { findIcd10, normalizeIcd10, searchIcd10 } from './icd10';

const messages = defineMessages(
  {
    placeholder: '输入编码或病名查找，如 I10、高血压', custom: (code: string) => `使用编码 ${code}（不在常用列表中）`,
    primary: '主要诊断', removeText: '移除', remove: (code: string) => `移除 ${code}`, name: (code: string) => `${code} 的诊断名称`,
    nameRequired: '请填写诊断名称', none: '没有匹配的常用编码；可直接输入完整的 ICD-10 编码', max: '最多 10 个诊断',
    matches: '匹配的常用诊断（点选添加）', add: (label: string) => `添加 ${label}`,
  },
  {
    placeholder: 'Type a code or a name: I10, hypertension', custom: (code: string) => `Use the code ${code} (not in the common list)`,
    primary: 'Primary', removeText: 'Remove', remove: (code: string) => `Remove ${code}`, name: (code: string) => `Name of the diagnosis ${code}`,
    nameRequired: 'Give the diagnosis name', none: 'No common code matches: type a full ICD-10 code', max: 'At most 10 diagnoses',
    matches: 'Matching common diagnoses (tap to add)', add: (label: string) => `Add ${label}`,
  },
);

export interface Diagnosis {
  code: string;
  name: string;
}

/**
 * Diagnoses by ICD-10: pick from the curated list (search by code or by Chinese or English name) or type a code of the
 * ICD-10 format and name it. The first is the primary diagnosis. The name sent is the Chinese one of the list.
 */
export function DiagnosisPicker({ id, value = [], onChange }: { id?: string; value?: Diagnosis[]; onChange?: (next: Diagnosis[]) => void }) {
  const t = useMessages(messages);
  const { language } = useLanguage();
  const [search, setSearch] = useState('');
  const chosen = new Set(value.map((d) => d.code));
  const matches = search.trim() ? searchIcd10(search, 8).filter((e) => !chosen.has(e.code)) : [];
  const typed = normalizeIcd10(search);
  const options = matches.map((e) => ({ value: e.code, label: `${e.code} ${language === 'en' ? e.en : e.zh}` }));
  if (typed && !findIcd10(typed) && !chosen.has(typed)) options.push({ value: typed, label: t.custom(typed) });

  const add = (code: string) => {
    if (value.length >= 10) return;
    onChange?.([...value, { code, name: findIcd10(code)?.zh ?? '' }]);
    setSearch('');
  };

  return (
    <Flex vertical gap={8}>
      <Input
        id={id}
        type="search"
        value={search}
        placeholder={t.placeholder}
        autoComplete="off"
        maxLength={40}
        disabled={value.length >= 10}
        onChange={(e) => setSearch(e.target.value)}
        onPressEnter={(e) => {
          e.preventDefault();
          if (options.length > 0) add(options[0].value);
        }}
      />
      {search.trim() && (options.length === 0 ? <Typography.Text role="status">{t.none}</Typography.Text> : (
        <ul aria-label={t.matches} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
          {options.map((o) => (
            <li key={o.value}>
              <Button block style={{ justifyContent: 'flex-start', height: 'auto', minHeight: 40, whiteSpace: 'normal', textAlign: 'start' }} aria-label={t.add(o.label)} onClick={() => add(o.value)}>{o.label}</Button>
            </li>
          ))}
        </ul>
      ))}
      {value.length >= 10 && <Typography.Text>{t.max}</Typography.Text>}
      {value.map((d, i) => {
        const listed = findIcd10(d.code);
        return (
          <Card size="small" key={d.code} data-testid="diagnosis">
            <Flex justify="space-between" align="center" gap={8}>
              <div>
                <Typography.Text strong>{d.code}</Typography.Text>{' '}
                {listed && <Typography.Text>{language === 'en' ? listed.en : listed.zh}</Typography.Text>}
                {i === 0 && <StatusTag tone="info" style={{ marginInlineStart: 8 }}>{t.primary}</StatusTag>}
              </div>
              <Button size="small" aria-label={t.remove(d.code)} onClick={() => onChange?.(value.filter((x) => x.code !== d.code))}>{t.removeText}</Button>
            </Flex>
            {!listed && (
              <label style={{ display: 'block', marginTop: 8 }}>
                <Typography.Text>{t.name(d.code)}</Typography.Text>
                <Input
                  value={d.name}
                  maxLength={100}
                  status={d.name.trim() ? undefined : 'error'}
                  onChange={(e) => onChange?.(value.map((x) => (x.code === d.code ? { ...x, name: e.target.value } : x)))}
                />
              </label>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}
