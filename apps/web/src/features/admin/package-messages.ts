import { defineMessages } from '../../i18n';

export const packageMessages = defineMessages(
  {
    title: '服务包', create: '新建服务包', kind: '类型', active: '状态', any: '全部', activeYes: '启用', activeNo: '停用',
    code: '编码', name: '名称', targets: '目标人群', everyone: '所有人', price: '价格（元）', selfPay: '个人自付（元）', items: '服务项目', actions: '操作',
    detail: '详情', itemCode: '项目编码', itemName: '项目名称', timesPerYear: '每年次数', modality: '服务方式', requiredData: '必填数据', none: '—',
    addItem: '添加服务项目', removeItem: '删除此项', item: (n: number) => `服务项目 ${n}`, created: (name: string) => `已创建服务包 ${name}`,
    required: '请填写', cancel: '取消', empty: '没有服务包', codeHint: '县内唯一；小写字母、数字和下划线', itemCodeHint: '包内唯一，如 htn_follow_up',
    selfPayHint: '居民个人支付部分，不超过价格', modalityHint: '“面对面”只能由面对面或上门服务完成', activeLabel: '创建后立即启用',
    detailTitle: (name: string) => `服务包：${name}`, owner: '创建机构', county: '县级', share: (p: string) => `自付比例 ${p}`, yuan: (v: string) => `${v} 元`,
    needItem: '至少需要一个服务项目',
  },
  {
    title: 'Service packages', create: 'New package', kind: 'Kind', active: 'Status', any: 'Any', activeYes: 'Active', activeNo: 'Inactive',
    code: 'Code', name: 'Name', targets: 'Target groups', everyone: 'Everyone', price: 'Price (yuan)', selfPay: 'Own part (yuan)', items: 'Items', actions: 'Actions',
    detail: 'Details', itemCode: 'Item code', itemName: 'Item name', timesPerYear: 'Times per year', modality: 'Modality', requiredData: 'Required data', none: '—',
    addItem: 'Add an item', removeItem: 'Remove this item', item: (n: number) => `Item ${n}`, created: (name: string) => `Package ${name} created`,
    required: 'Required', cancel: 'Cancel', empty: 'No packages', codeHint: 'Unique in the county; lower-case letters, digits and underscores', itemCodeHint: 'Unique in the package, e.g. htn_follow_up',
    selfPayHint: 'What the resident pays, at most the price', modalityHint: 'Face to face is filled by face-to-face or home visits only', activeLabel: 'Active once created',
    detailTitle: (name: string) => `Package: ${name}`, owner: 'Created by', county: 'County', share: (p: string) => `own share ${p}`, yuan: (v: string) => `${v} yuan`,
    needItem: 'At least one item is needed',
  },
);
