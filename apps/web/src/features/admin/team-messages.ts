import { defineMessages } from '../../i18n';

export const teamMessages = defineMessages(
  {
    title: '家庭医生团队', create: '新建团队', institution: '机构', any: '全部机构', name: '团队名称', servicePhone: '签约服务电话',
    servicePhoneHint: '手机号，或带区号的固定电话，如 0571-88881234', lead: '团队长', status: '状态', members: '成员', actions: '操作',
    created: (name: string) => `已创建团队 ${name}`, required: '请填写', cancel: '取消', none: '—', empty: '没有团队',
    membersTitle: (name: string) => `${name} 的成员`, member: '人员', memberRole: '团队角色', joinedAt: '加入时间', account: '账号角色',
    addMember: '加入团队', added: (name: string) => `${name} 已加入团队`, noMembers: '团队暂无成员',
    moveHint: '加入本团队会使其离开原团队。医生账号可担任团队长、医生、乡村医生、专科医生、中医或健康管理师；护士账号可担任护士、公卫人员、健康管理师或药师。',
  },
  {
    title: 'GP teams', create: 'New team', institution: 'Institution', any: 'Every institution', name: 'Team name', servicePhone: 'Service phone',
    servicePhoneHint: 'A mobile, or a landline with its area code, e.g. 0571-88881234', lead: 'Lead', status: 'Status', members: 'Members', actions: 'Actions',
    created: (name: string) => `Team ${name} created`, required: 'Required', cancel: 'Cancel', none: '—', empty: 'No teams',
    membersTitle: (name: string) => `Members of ${name}`, member: 'Person', memberRole: 'Team role', joinedAt: 'Joined', account: 'Account role',
    addMember: 'Add to the team', added: (name: string) => `${name} joined the team`, noMembers: 'The team has no members yet',
    moveHint: 'Joining this team moves them from their previous one. A GP account may be lead GP, GP, village doctor, specialist, TCM or health manager; a nurse account nurse, public health, health manager or pharmacist.',
  },
);
