import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useProblemText } from '../../shell/problems';
import { useFormSubmit } from '../../shell/use-form-submit';
import { isoToLocalInput, localToOffsetIso, todayLocal } from './format';
import { NEEDS_REASON, type ReferralActionKind } from './referral-actions';

type Referral = components['schemas']['ReferralDetailView'];

interface Values {
  appointmentAt?: string;
  note?: string;
  reason?: string;
  diagnosisResult?: string;
  keyFindings?: string;
  nextAdvice?: string;
  admitted?: boolean;
  admittedOn?: string;
  eligibleCost?: number | null;
}

const messages = defineMessages(
  {
    appointmentAt: '预约就诊时间', appointmentOptional: '预约就诊时间（可选，填写则同时完成预约）', note: '备注（记入转诊历史）',
    reasonReject: '拒绝原因', reasonReturn: '退回原因（请写明需补充的材料）', reasonCancel: '取消原因',
    diagnosisResult: '诊断结果', keyFindings: '主要检查结果 / 治疗经过', nextAdvice: '下一步建议',
    admitted: '已收住院', admittedOn: '入院日期', eligibleCost: '医保可报销费用（元，可选）',
    admittedHelp: '收住院时系统将按转诊链估算连续计算的起付线（估算，以医保结算为准）。',
    required: '必填', refused: '操作未执行', allowedNow: (a: string) => `当前状态允许的操作：${a}`, none: '无',
    done: '已保存', ok: '确认', cancel: '返回',
    arriveConfirm: '确认患者已到达本院就诊。', arriveDirect: '绿色通道（危急）：未经预约，直接到达急诊。', rejectWarn: '拒绝后此转诊单结束，转出方会收到通知。',
  },
  {
    appointmentAt: 'Appointment time', appointmentOptional: 'Appointment time (optional: given, the referral is scheduled too)', note: 'Note (kept in the history)',
    reasonReject: 'Reason for rejecting', reasonReturn: 'Reason for returning (what information is missing)', reasonCancel: 'Reason for cancelling',
    diagnosisResult: 'Diagnosis result', keyFindings: 'Key findings / treatment', nextAdvice: 'Next advice',
    admitted: 'Admitted as an inpatient', admittedOn: 'Admission day', eligibleCost: 'Cost eligible for insurance (yuan, optional)',
    admittedHelp: 'With an admission the continuous deductible is estimated along the referral chain (an estimate; the insurance settlement prevails).',
    required: 'Required', refused: 'Not done', allowedNow: (a: string) => `Allowed in the current state: ${a}`, none: 'none',
    done: 'Saved', ok: 'Confirm', cancel: 'Back',
    arriveConfirm: 'Confirm the patient has arrived at this hospital.', arriveDirect: 'Green channel (emergent): arrived at the emergency department without an appointment.', rejectWarn: 'Rejecting ends this referral; the sending side is told.',
  },
);

/** Sends one transition of a referral with its form's values and the referral's version (If-Match). */
async function send(referral: Referral, action: ReferralActionKind, v: Values): Promise<Referral> {
  const params = { path: { id: referral.id }, header: { 'If-Match': `"${referral.version}"` } };
  const note = v.note?.trim() || undefined;
  const appointmentAt = v.appointmentAt ? localToOffsetIso(v.appointmentAt) : undefined;
  switch (action) {
    case 'accept':
      return call(api.POST('/api/v1/referrals/{id}/accept', { params, body: { note, appointmentAt } }));
    case 'schedule':
      return call(api.POST('/api/v1/referrals/{id}/schedule', { params, body: { note, appointmentAt: appointmentAt ?? '' } }));
    case 'reschedule':
      return call(api.POST('/api/v1/referrals/{id}/reschedule', { params, body: { note, appointmentAt: appointmentAt ?? '' } }));
    case 'arrive':
      return call(api.POST('/api/v1/referrals/{id}/arrive', { params, body: { note } }));
    case 'reject':
      return call(api.POST('/api/v1/referrals/{id}/reject', { params, body: { reason: v.reason ?? '' } }));
    case 'return':
      return call(api.POST('/api/v1/referrals/{id}/return', { params, body: { reason: v.reason ?? '' } }));
    case 'cancel':
      return call(api.POST('/api/v1/referrals/{id}/cancel', { params, body: { reason: v.reason ?? '' } }));
    case 'complete':
      return call(api.POST('/api/v1/referrals/{id}/complete', {
        params,
        body: {
          note,
          outcome: { diagnosisResult: v.diagnosisResult ?? '', keyFindings: v.keyFindings?.trim() || undefined, nextAdvice: v.nextAdvice?.trim() || undefined },
          admitted: !!v.admitted,
          ...(v.admitted ? { admittedOn: v.admittedOn || undefined, eligibleCost: v.eligibleCost ?? undefined } : {}),
        },
      }));
  }
}

/**
 * The form of one transition (accept, schedule, reschedule, arrive, complete, return, reject, cancel) in a modal:
 * labelled inputs for what the API takes, the reasons it requires, and its refusal (a 409 names what is allowed now).
 */
export function ReferralActionModal({ referral, action, onClose }: { referral: Referral; action: ReferralActionKind | null; onClose: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<ApiProblem | null>(null);
  const admitted = Form.useWatch('admitted', form);
  const name = action ? label('referral_action', action) : t.ok;

  // once per opening: the refetch after a refusal brings a new referral object, which must not wipe the refusal shown
  useEffect(() => {
    if (!action) return;
    setRefusal(null);
    form.resetFields();
    form.setFieldsValue({
      appointmentAt: action === 'reschedule' ? isoToLocalInput(referral.appointmentAt) : undefined,
      admittedOn: referral.arrivedAt ? isoToLocalInput(referral.arrivedAt).slice(0, 10) : todayLocal(),
    });
  }, [action, referral.id, form]);

  const { submit, saving } = useFormSubmit(
    form,
    async (v: Values) => {
      setRefusal(null);
      // only an open modal (an action chosen) has an OK button to press
      return action ? send(referral, action, v) : undefined;
    },
    {
      done: `${name}：${t.done}`,
      invalidate: [['referral', referral.id], ['desk', 'queue']],
      onDone: onClose,
      // the state moved on or the version is stale: said in place, with what is allowed now, and the referral refetched
      refused: (error) => {
        if (!(error instanceof ApiProblem && (error.status === 409 || error.status === 412))) return false;
        setRefusal(error);
        void queryClient.invalidateQueries({ queryKey: ['referral', referral.id] });
        return true;
      },
    },
  );

  const reasonLabel = action === 'reject' ? t.reasonReject : action === 'return' ? t.reasonReturn : t.reasonCancel;
  const required = [{ required: true, whitespace: true, message: t.required }];
  const allowed = refusal?.problem.allowedActions;

  return (
    <Modal
      open={!!action}
      title={action ? `${name} · ${referral.referralNo}` : ''}
      okText={name}
      okButtonProps={{ danger: action === 'reject' || action === 'cancel', loading: saving }}
      cancelText={t.cancel}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      {refusal && (
        <Alert
          type="error" showIcon role="alert" style={{ marginBottom: 16 }}
          title={`${t.refused}：${problemText(refusal)}`}
          description={allowed ? t.allowedNow(allowed.length ? allowed.map((a) => label('referral_action', a)).join('、') : t.none) : undefined}
        />
      )}
      <Form form={form} layout="vertical" name={`referral-${action ?? 'none'}`} requiredMark>
        {action === 'accept' && (
          <Form.Item name="appointmentAt" label={t.appointmentOptional}>
            <Input type="datetime-local" />
          </Form.Item>
        )}
        {(action === 'schedule' || action === 'reschedule') && (
          <Form.Item name="appointmentAt" label={t.appointmentAt} rules={required}>
            <Input type="datetime-local" />
          </Form.Item>
        )}
        {action === 'arrive' && <Typography.Paragraph>{t.arriveConfirm}</Typography.Paragraph>}
        {/* the API offers arrive from accepted only on the green channel (allowedActions) */}
        {action === 'arrive' && referral.status === 'accepted' && <Typography.Paragraph strong>{t.arriveDirect}</Typography.Paragraph>}
        {action === 'reject' && <Typography.Paragraph>{t.rejectWarn}</Typography.Paragraph>}
        {action && NEEDS_REASON.includes(action) && (
          <Form.Item name="reason" label={reasonLabel} rules={required}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
        {action === 'complete' && (
          <>
            <Form.Item name="diagnosisResult" label={t.diagnosisResult} rules={required}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="keyFindings" label={t.keyFindings}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="nextAdvice" label={t.nextAdvice}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="admitted" valuePropName="checked" extra={t.admittedHelp}>
              <Checkbox>{t.admitted}</Checkbox>
            </Form.Item>
            {admitted && (
              <>
                <Form.Item name="admittedOn" label={t.admittedOn} rules={[{ required: true, message: t.required }]}>
                  <Input type="date" max={todayLocal()} />
                </Form.Item>
                <Form.Item name="eligibleCost" label={t.eligibleCost}>
                  <InputNumber min={0} step={100} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </>
            )}
          </>
        )}
        {action && !NEEDS_REASON.includes(action) && (
          <Form.Item name="note" label={t.note}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
