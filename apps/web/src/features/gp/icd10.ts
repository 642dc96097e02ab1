/**
 * A curated list of ICD-10 codes common in primary care (WHO ICD-10 categories and subcategories), with Chinese and
 * English names, for the diagnosis picker of a referral. Not the whole classification: a code not listed may be typed
 * in the ICD-10 format the API accepts (libs/domain/src/referrals/referral-rules.ts).
 */
export interface Icd10Entry {
  code: string;
  zh: string;
  en: string;
}

export const ICD10_COMMON: readonly Icd10Entry[] = [
  // Circulatory
  { code: 'I10', zh: '原发性高血压', en: 'Essential (primary) hypertension' },
  { code: 'I11.9', zh: '高血压性心脏病，不伴心力衰竭', en: 'Hypertensive heart disease without heart failure' },
  { code: 'I20.9', zh: '心绞痛', en: 'Angina pectoris, unspecified' },
  { code: 'I21.9', zh: '急性心肌梗死', en: 'Acute myocardial infarction, unspecified' },
  { code: 'I25.1', zh: '动脉粥样硬化性心脏病', en: 'Atherosclerotic heart disease' },
  { code: 'I48', zh: '心房颤动和扑动', en: 'Atrial fibrillation and flutter' },
  { code: 'I50.9', zh: '心力衰竭', en: 'Heart failure, unspecified' },
  { code: 'I63.9', zh: '脑梗死', en: 'Cerebral infarction, unspecified' },
  { code: 'I61.9', zh: '脑出血', en: 'Intracerebral haemorrhage, unspecified' },
  { code: 'I64', zh: '脑卒中，未特指为出血或梗死', en: 'Stroke, not specified as haemorrhage or infarction' },
  { code: 'I67.2', zh: '脑动脉粥样硬化', en: 'Cerebral atherosclerosis' },
  { code: 'I69.3', zh: '脑梗死后遗症', en: 'Sequelae of cerebral infarction' },
  { code: 'I69.4', zh: '脑卒中后遗症', en: 'Sequelae of stroke, not specified as haemorrhage or infarction' },
  { code: 'I70.2', zh: '肢体动脉粥样硬化', en: 'Atherosclerosis of arteries of extremities' },
  { code: 'I83.9', zh: '下肢静脉曲张', en: 'Varicose veins of lower extremities' },
  { code: 'I95.1', zh: '体位性低血压', en: 'Orthostatic hypotension' },
  // Endocrine, metabolic
  { code: 'E11.9', zh: '2型糖尿病，不伴并发症', en: 'Type 2 diabetes mellitus without complications' },
  { code: 'E11.2', zh: '2型糖尿病伴肾并发症', en: 'Type 2 diabetes mellitus with kidney complications' },
  { code: 'E11.4', zh: '2型糖尿病伴神经并发症', en: 'Type 2 diabetes mellitus with neurological complications' },
  { code: 'E11.5', zh: '2型糖尿病伴周围循环并发症', en: 'Type 2 diabetes mellitus with peripheral circulatory complications' },
  { code: 'E10.9', zh: '1型糖尿病，不伴并发症', en: 'Type 1 diabetes mellitus without complications' },
  { code: 'E03.9', zh: '甲状腺功能减退症', en: 'Hypothyroidism, unspecified' },
  { code: 'E05.9', zh: '甲状腺功能亢进症', en: 'Thyrotoxicosis, unspecified' },
  { code: 'E78.5', zh: '高脂血症', en: 'Hyperlipidaemia, unspecified' },
  { code: 'E79.0', zh: '高尿酸血症', en: 'Hyperuricaemia without signs of gout' },
  { code: 'E66.9', zh: '肥胖症', en: 'Obesity, unspecified' },
  { code: 'E86', zh: '脱水', en: 'Volume depletion' },
  { code: 'E87.6', zh: '低钾血症', en: 'Hypokalaemia' },
  // Respiratory
  { code: 'J44.9', zh: '慢性阻塞性肺疾病', en: 'Chronic obstructive pulmonary disease, unspecified' },
  { code: 'J44.1', zh: '慢性阻塞性肺疾病急性加重', en: 'COPD with acute exacerbation' },
  { code: 'J45.9', zh: '哮喘', en: 'Asthma, unspecified' },
  { code: 'J18.9', zh: '肺炎', en: 'Pneumonia, unspecified' },
  { code: 'J06.9', zh: '急性上呼吸道感染', en: 'Acute upper respiratory infection, unspecified' },
  { code: 'J20.9', zh: '急性支气管炎', en: 'Acute bronchitis, unspecified' },
  { code: 'J42', zh: '慢性支气管炎', en: 'Unspecified chronic bronchitis' },
  { code: 'J47', zh: '支气管扩张', en: 'Bronchiectasis' },
  { code: 'J96.1', zh: '慢性呼吸衰竭', en: 'Chronic respiratory failure' },
  { code: 'A15.0', zh: '肺结核', en: 'Tuberculosis of lung' },
  // Digestive
  { code: 'K21.9', zh: '胃食管反流病', en: 'Gastro-oesophageal reflux disease without oesophagitis' },
  { code: 'K25.9', zh: '胃溃疡', en: 'Gastric ulcer' },
  { code: 'K29.7', zh: '胃炎', en: 'Gastritis, unspecified' },
  { code: 'K59.0', zh: '便秘', en: 'Constipation' },
  { code: 'K74.6', zh: '肝硬化', en: 'Other and unspecified cirrhosis of liver' },
  { code: 'K76.0', zh: '脂肪肝', en: 'Fatty liver' },
  { code: 'K80.2', zh: '胆囊结石', en: 'Calculus of gallbladder without cholecystitis' },
  { code: 'K92.2', zh: '消化道出血', en: 'Gastrointestinal haemorrhage, unspecified' },
  { code: 'B18.1', zh: '慢性乙型病毒性肝炎', en: 'Chronic viral hepatitis B' },
  // Genitourinary, kidney
  { code: 'N18.9', zh: '慢性肾脏病', en: 'Chronic kidney disease, unspecified' },
  { code: 'N39.0', zh: '尿路感染', en: 'Urinary tract infection, site not specified' },
  { code: 'N40', zh: '前列腺增生', en: 'Hyperplasia of prostate' },
  { code: 'N20.0', zh: '肾结石', en: 'Calculus of kidney' },
  // Musculoskeletal, injury
  { code: 'M17.9', zh: '膝关节病', en: 'Gonarthrosis, unspecified' },
  { code: 'M47.8', zh: '颈椎病', en: 'Other spondylosis' },
  { code: 'M54.5', zh: '腰痛', en: 'Low back pain' },
  { code: 'M81.9', zh: '骨质疏松', en: 'Osteoporosis, unspecified' },
  { code: 'M10.9', zh: '痛风', en: 'Gout, unspecified' },
  { code: 'M06.9', zh: '类风湿关节炎', en: 'Rheumatoid arthritis, unspecified' },
  { code: 'S72.0', zh: '股骨颈骨折', en: 'Fracture of neck of femur' },
  { code: 'T14.9', zh: '外伤', en: 'Injury, unspecified' },
  { code: 'L89.9', zh: '压疮', en: 'Decubitus ulcer, unspecified' },
  // Nervous system, mental health
  { code: 'G20', zh: '帕金森病', en: 'Parkinson disease' },
  { code: 'G30.9', zh: '阿尔茨海默病', en: 'Alzheimer disease, unspecified' },
  { code: 'F03', zh: '痴呆', en: 'Unspecified dementia' },
  { code: 'G40.9', zh: '癫痫', en: 'Epilepsy, unspecified' },
  { code: 'G43.9', zh: '偏头痛', en: 'Migraine, unspecified' },
  { code: 'G45.9', zh: '短暂性脑缺血发作', en: 'Transient cerebral ischaemic attack, unspecified' },
  { code: 'F20.9', zh: '精神分裂症', en: 'Schizophrenia, unspecified' },
  { code: 'F32.9', zh: '抑郁发作', en: 'Depressive episode, unspecified' },
  { code: 'F41.9', zh: '焦虑障碍', en: 'Anxiety disorder, unspecified' },
  { code: 'G47.0', zh: '失眠', en: 'Disorders of initiating and maintaining sleep' },
  // Eye, ear
  { code: 'H25.9', zh: '老年性白内障', en: 'Senile cataract, unspecified' },
  { code: 'H40.9', zh: '青光眼', en: 'Glaucoma, unspecified' },
  { code: 'H91.9', zh: '听力损失', en: 'Hearing loss, unspecified' },
  // Neoplasms
  { code: 'C34.9', zh: '肺恶性肿瘤', en: 'Malignant neoplasm of bronchus or lung, unspecified' },
  { code: 'C16.9', zh: '胃恶性肿瘤', en: 'Malignant neoplasm of stomach, unspecified' },
  { code: 'C22.0', zh: '肝细胞癌', en: 'Liver cell carcinoma' },
  { code: 'C18.9', zh: '结肠恶性肿瘤', en: 'Malignant neoplasm of colon, unspecified' },
  { code: 'C50.9', zh: '乳腺恶性肿瘤', en: 'Malignant neoplasm of breast, unspecified' },
  // Blood, pregnancy, symptoms
  { code: 'D64.9', zh: '贫血', en: 'Anaemia, unspecified' },
  { code: 'O24.4', zh: '妊娠期糖尿病', en: 'Diabetes mellitus arising in pregnancy' },
  { code: 'O13', zh: '妊娠期高血压', en: 'Gestational hypertension' },
  { code: 'R50.9', zh: '发热', en: 'Fever, unspecified' },
  { code: 'R07.4', zh: '胸痛', en: 'Chest pain, unspecified' },
  { code: 'R42', zh: '头晕和眩晕', en: 'Dizziness and giddiness' },
  { code: 'R55', zh: '晕厥', en: 'Syncope and collapse' },
  { code: 'R06.0', zh: '呼吸困难', en: 'Dyspnoea' },
  { code: 'R10.4', zh: '腹痛', en: 'Other and unspecified abdominal pain' },
  { code: 'R63.4', zh: '体重异常下降', en: 'Abnormal weight loss' },
  { code: 'Z51.5', zh: '姑息治疗', en: 'Palliative care' },
];

/**
 * The ICD-10 format the API accepts (libs/domain/src/referrals/referral-rules.ts): a WHO category (letter + 2 digits),
 * an optional subdivision of 1–4 digits where the national clinical version writes `x`, and an optional extension
 * `x` + 3 digits: I10, E11.9, I10.x00, J18.900x001.
 */
const ICD10_FORMAT = /^[A-Z][0-9]{2}(\.[0-9x]{1,4}(x[0-9]{3})?)?$/;

/** The code as the API stores it (category letter upper-case, the rest lower-case), or null when it is not ICD-10. */
export function normalizeIcd10(raw: string): string | null {
  const trimmed = raw.trim();
  const code = trimmed.slice(0, 1).toUpperCase() + trimmed.slice(1).toLowerCase();
  return ICD10_FORMAT.test(code) ? code : null;
}

/** The listed entries matching a search by code (start) or by Chinese or English name (anywhere). */
export function searchIcd10(text: string, limit = 30): Icd10Entry[] {
  const q = text.trim().toLowerCase();
  if (!q) return ICD10_COMMON.slice(0, limit);
  return ICD10_COMMON.filter((e) => e.code.toLowerCase().startsWith(q) || e.zh.includes(q) || e.en.toLowerCase().includes(q)).slice(0, limit);
}

export function findIcd10(code: string): Icd10Entry | undefined {
  return ICD10_COMMON.find((e) => e.code === code);
}
