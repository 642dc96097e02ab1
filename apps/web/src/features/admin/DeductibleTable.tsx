import { Form, InputNumber, Table } from 'antd';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { DEDUCTIBLE_LEVELS, DEDUCTIBLE_SCHEMES, type DeductibleScheme, type PolicyField } from './policy-fields';

const messages = defineMessages(
  { level: '机构级别', all: '通用（各参保类型）' },
  { level: 'Institution level', all: 'All schemes' },
);

type Level = (typeof DEDUCTIBLE_LEVELS)[number];

/**
 * The deductibles of the county as one table: a row per institution level, a column for every scheme
 * (`insurance.deductibleByLevel`) and one for each scheme with a table of its own (`insurance.deductibleByScheme`),
 * each cell the form's field at its policy path.
 */
export function DeductibleTable({ fields }: { fields: PolicyField[] }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const cell = new Map(fields.filter((f) => f.deductible).map((f) => [`${f.deductible!.level}:${f.deductible!.scheme}`, f]));
  const schemeTitle = (scheme: DeductibleScheme) => (scheme === 'all' ? t.all : label('insurance_type', scheme));
  return (
    <Table<{ level: Level }>
      size="small" pagination={false} rowKey="level" style={{ marginBottom: 16 }}
      dataSource={DEDUCTIBLE_LEVELS.map((level) => ({ level }))}
      columns={[
        { key: 'level', title: t.level, render: (_, row) => label('institution_level', row.level) },
        ...DEDUCTIBLE_SCHEMES.map((scheme) => ({
          key: scheme,
          title: schemeTitle(scheme),
          render: (_: unknown, row: { level: Level }) => {
            const field = cell.get(`${row.level}:${scheme}`);
            if (!field) return null;
            const name = `${label('institution_level', row.level)} · ${schemeTitle(scheme)} ${language === 'en' ? field.en : field.zh}`;
            return (
              <Form.Item name={['policy', ...field.path]} style={{ marginBottom: 0 }}>
                <InputNumber aria-label={name} min={field.min} max={field.max} precision={field.precision} style={{ width: '100%' }} />
              </Form.Item>
            );
          },
        })),
      ]}
    />
  );
}
