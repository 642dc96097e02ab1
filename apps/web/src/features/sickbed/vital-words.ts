import { defineMessages } from '../../i18n';
import type { RoundVital } from '../../clinical/vitals';

/** The names of the vital signs (shared by the round form and the round list). */
export const vitalWords = defineMessages<Record<RoundVital | 'bp', string>>(
  { sbp: '收缩压', dbp: '舒张压', pulse: '脉搏', temperature: '体温', spo2: '血氧饱和度', glucose: '血糖', bp: '血压' },
  { sbp: 'Systolic', dbp: 'Diastolic', pulse: 'Pulse', temperature: 'Temperature', spo2: 'SpO₂', glucose: 'Glucose', bp: 'Blood pressure' },
);
