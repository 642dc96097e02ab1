import { defineMessages } from '../../i18n';

export const staffMessages = defineMessages(
  {
    title: '人员账号', create: '新建账号', institution: '机构', team: '团队', role: '角色', any: '全部', none: '—',
    username: '用户名', displayName: '姓名', phone: '手机号', status: '状态', actions: '操作', county: '县',
    disable: '停用', enable: '启用', resetPassword: '重置密码',
    disableConfirm: (name: string) => `停用 ${name} 的账号？该账号的登录将立即失效。`, enableConfirm: (name: string) => `重新启用 ${name} 的账号？`,
    disabled: '账号已停用', enabled: '账号已启用', ok: '确定', cancel: '取消',
    password: '初始密码', passwordRule: '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。',
    initialPasswordHint: '请把用户名和初始密码当面或通过安全渠道告知本人；用户可在“我的账户”中修改密码。',
    generate: '生成随机密码', created: (name: string) => `已创建账号 ${name}`, required: '请填写',
    institutionHint: '县管理员不属于机构；其他角色必须选择机构（转诊服务岗须为设有转诊服务台的医院）。', teamHint: '医生、护士可选，加入后离开原团队。',
    resetTitle: (name: string) => `重置 ${name} 的密码`, temporaryPassword: '临时密码',
    resetExplain: '设置临时密码后：该账号的锁定解除，所有登录会话立即结束；用户下次用临时密码登录时必须先设置自己的新密码，之前不能使用其他功能。',
    resetDone: (name: string) => `已为 ${name} 设置临时密码。请通过安全渠道告知本人，并提醒其登录后立即修改。`,
    save: '保存', previous: '上一页', next: '下一页', page: (n: number) => `第 ${n} 页`, empty: '没有符合条件的账号', filters: '筛选',
  },
  {
    title: 'Staff accounts', create: 'New account', institution: 'Institution', team: 'Team', role: 'Role', any: 'Any', none: '—',
    username: 'Username', displayName: 'Name', phone: 'Mobile', status: 'Status', actions: 'Actions', county: 'County',
    disable: 'Disable', enable: 'Enable', resetPassword: 'Reset password',
    disableConfirm: (name: string) => `Disable ${name}'s account? Its sessions end at once.`, enableConfirm: (name: string) => `Enable ${name}'s account again?`,
    disabled: 'Account disabled', enabled: 'Account enabled', ok: 'OK', cancel: 'Cancel',
    password: 'Initial password', passwordRule: 'At least 8 characters with three of: upper case, lower case, digits, symbols.',
    initialPasswordHint: 'Give the username and initial password to the person in person or through a safe channel; they can change it under My account.',
    generate: 'Generate a random password', created: (name: string) => `Account ${name} created`, required: 'Required',
    institutionHint: 'County admins belong to no institution; every other role needs one (a referral desk needs a hospital with a desk).', teamHint: 'Optional for GPs and nurses; joining moves them from their previous team.',
    resetTitle: (name: string) => `Reset ${name}'s password`, temporaryPassword: 'Temporary password',
    resetExplain: 'After a temporary password is set, a lockout is cleared and every session of the account ends; at the next sign-in with the temporary password the user must choose their own new password before doing anything else.',
    resetDone: (name: string) => `Temporary password set for ${name}. Tell them through a safe channel and remind them to change it when they sign in.`,
    save: 'Save', previous: 'Previous', next: 'Next', page: (n: number) => `Page ${n}`, empty: 'No accounts match', filters: 'Filters',
  },
);
