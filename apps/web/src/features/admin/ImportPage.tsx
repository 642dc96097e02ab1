import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, Radio, Row, Select, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { defineMessages, useMessages } from '../../i18n';
import { useShowProblem } from '../../shell/problems';
import { useCounties } from './org-queries';

type Report = components['schemas']['RosterImportReportView'];
type Encoding = 'auto' | 'utf8' | 'gbk';

const messages = defineMessages(
  {
    title: '居民花名册导入', file: 'CSV 文件', county: '导入到县', encoding: '文件编码', auto: '自动识别', utf8: 'UTF-8', gbk: 'GBK（Excel 中文版另存的 CSV）',
    submit: '开始导入', required: '请选择文件', help: '第一行为表头。必填列：姓名（name）、身份证号（idNumber）；可选：手机号、乡镇、地址、户号、人群标签、出生日期、性别。按身份证号更新：新居民新建；已登记的居民只更新非空单元格，人群标签只增加。有问题的行整行跳过并列出原因。重复导入同一文件不会改变数据。',
    report: '导入结果', rows: '读取行数', created: '新建', updated: '更新', unchanged: '无变化', rejected: '拒绝',
    detected: (e: string) => `识别的编码：${e}`, ignored: (c: string) => `忽略的列：${c}`, duration: (ms: number, rps: number) => `用时 ${ms} 毫秒（每秒 ${rps} 行）`,
    errors: '被拒绝的行', line: '行号', field: '字段', code: '代码', reason: '原因',
    truncated: (shown: number, all: number) => `共 ${all} 个问题，只列出前 ${shown} 个。`, allGood: '所有行均已导入。', chosen: (name: string, kb: string) => `已选择：${name}（${kb} KB）`,
  },
  {
    title: 'Roster import', file: 'CSV file', county: 'Import into county', encoding: 'File encoding', auto: 'Detect', utf8: 'UTF-8', gbk: 'GBK (CSV saved by Chinese Excel)',
    submit: 'Import', required: 'Choose a file', help: 'The first row is the header. Required columns: name (姓名) and idNumber (身份证号); optional: phone, township, addressLine, householdNo, tags, birthDate, sex. Rows are matched by ID number: a new person is created; a registered one only takes the non-empty cells, and tags are only added. A row with any problem is skipped whole and listed with its reason. Importing the same file again changes nothing.',
    report: 'Import report', rows: 'Rows read', created: 'Created', updated: 'Updated', unchanged: 'Unchanged', rejected: 'Rejected',
    detected: (e: string) => `Encoding detected: ${e}`, ignored: (c: string) => `Columns ignored: ${c}`, duration: (ms: number, rps: number) => `Took ${ms} ms (${rps} rows per second)`,
    errors: 'Rejected lines', line: 'Line', field: 'Field', code: 'Code', reason: 'Reason',
    truncated: (shown: number, all: number) => `${all} problems found; the first ${shown} are listed.`, allGood: 'Every row was imported.', chosen: (name: string, kb: string) => `Chosen: ${name} (${kb} KB)`,
  },
);

/** /admin/import: upload a CSV roster (POST /residents/import, body = the file as text/csv) and read the report. */
export default function ImportPage() {
  const t = useMessages(messages);
  const user = useUser();
  const queryClient = useQueryClient();
  const showProblem = useShowProblem();
  const counties = useCounties();
  const [file, setFile] = useState<File | null>(null);
  const [countyId, setCountyId] = useState<string | undefined>(user.scope.countyId ?? undefined);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);

  const submit = async () => {
    if (!file) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      // The file's bytes go as they are (a GBK file must not be decoded here); the route streams text/csv.
      const answer = await call(api.POST('/api/v1/residents/import', {
        params: { query: { ...(countyId ? { countyId } : {}), encoding } },
        body: file as unknown as string,
        bodySerializer: (body) => body,
        headers: { 'content-type': 'text/csv' },
      }));
      setReport(answer);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'indicators'] });
    } catch (error) {
      showProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t.help}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit} style={{ maxWidth: 560 }}>
        <Form.Item label={t.file} htmlFor="roster-file" required validateStatus={missing ? 'error' : undefined} help={missing ? t.required : file ? t.chosen(file.name, (file.size / 1024).toFixed(1)) : undefined}>
          <input
            id="roster-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissing(false);
            }}
          />
        </Form.Item>
        <Form.Item label={t.county} htmlFor="roster-county" required>
          <Select id="roster-county" value={countyId} onChange={setCountyId} loading={counties.isPending} options={(counties.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }))} />
        </Form.Item>
        <Form.Item label={t.encoding} htmlFor="roster-encoding">
          <Radio.Group id="roster-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value as Encoding)} options={(['auto', 'utf8', 'gbk'] as const).map((v) => ({ value: v, label: t[v] }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t.submit}</Button>
      </Form>
      {report && <ImportReport report={report} />}
    </Flex>
  );
}

function ImportReport({ report }: { report: Report }) {
  const t = useMessages(messages);
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t.report}</Typography.Title>} role="region" aria-label={t.report}>
      <Row gutter={16}>
        {(['rows', 'created', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
          <Col key={k} span={4}><Statistic title={t[k]} value={report[k]} /></Col>
        ))}
      </Row>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {report.encoding && <>{t.detected(report.encoding)} · </>}
        {t.duration(report.durationMs, report.rowsPerSecond)}
        {report.ignoredColumns.length > 0 && <> · {t.ignored(report.ignoredColumns.join('、'))}</>}
      </Typography.Paragraph>
      {report.errors.length === 0 ? (
        <Alert type="success" showIcon title={t.allGood} />
      ) : (
        <>
          <Typography.Title level={4}>{t.errors}</Typography.Title>
          {report.errorsTruncated && <Alert type="warning" showIcon title={t.truncated(report.errors.length, report.errorCount)} style={{ marginBottom: 12 }} />}
          <Table
            rowKey={(e) => `${e.line}:${e.field}:${e.code}`}
            size="small"
            dataSource={report.errors}
            pagination={report.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            columns={[
              { title: t.line, dataIndex: 'line', width: 80 },
              { title: t.field, dataIndex: 'field', width: 140 },
              { title: t.code, dataIndex: 'code', width: 220 },
              { title: t.reason, dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
