import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webApiTypes, WEB_API_TYPES_FILE } from '../../apps/api/src/cli/web-api-types';
import { dictionaries } from '@countycare/common';
import { startTestApp, TestApp } from '../fixtures/test-app';

type Schema = { enum?: string[]; items?: Schema; properties?: Record<string, Schema> };

/**
 * The web app's client is typed from the API's own OpenAPI document (issue #11): the committed
 * apps/web/src/api/schema.d.ts must be exactly what the document served now produces, or the app is compiled
 * against an API that no longer exists. Fix with `npm run web:api-types`.
 */
describe('the web app\'s generated API types', () => {
  let t: TestApp;
  let document: { components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('are up to date with GET /docs-json (run `npm run web:api-types` after changing a DTO or route)', async () => {
    const committed = readFileSync(join(__dirname, '../..', WEB_API_TYPES_FILE), 'utf8');
    const fresh = await webApiTypes(document);
    expect(committed === fresh ? 'up to date' : 'stale: run `npm run web:api-types`').toBe('up to date');
  });

  /**
   * The app shows labels, never codes: each code a screen shows comes with a dictionary of GET /dictionaries
   * holding a Chinese and an English label for every value the schema allows.
   */
  it.each([
    ['contract_status', 'ContractView', 'status'], ['contract_action', 'ContractView', 'allowedActions'],
    ['package_kind', 'CreateServicePackageDto', 'kind'], ['service_modality', 'PackageItemDto', 'modality'],
    ['required_data', 'PackageItemDto', 'requiredData'], ['not_counted_reason', 'ServiceRecordView', 'notCountedReason'],
    ['service_record_status', 'ServiceRecordView', 'status'], ['termination_reason', 'TerminationView', 'reason'],
    ['sign_way', 'CreateContractDto', 'signWay'], ['follow_up_status', 'FollowUpView', 'status'],
    ['follow_up_kind', 'FollowUpView', 'kind'], ['follow_up_urgency', 'FollowUpView', 'urgency'],
    ['resident_status', 'ResidentView', 'status'], ['sex', 'ResidentView', 'sex'], ['staff_status', 'StaffView', 'status'],
    ['round_due_state', 'RoundDueView', 'dueState'], ['order_status', 'OrderView', 'status'],
    ['sickbed_origin', 'SickbedDetailView', 'origin'], ['assessment_kind', 'AssessmentView', 'kind'],
    ['audit_outcome', 'AuditEventView', 'outcome'], ['audit_purpose', 'AuditEventView', 'purpose'],
    ['chain_break_reason', 'ChainBreakView', 'reason'], ['indicator_unit', 'IndicatorValueView', 'unit'],
    ['role', 'UserView', 'role'], ['sickbed_status', 'SickbedDetailView', 'status'], ['referral_status', 'ReferralDetailView', 'status'],
    ['referral_sla_state', 'SlaView', 'state'], ['round_kind', 'RoundDueView', 'kind'],
  ])('%s labels every value of %s.%s in both languages', (name, schema, property) => {
    const field = document.components.schemas[schema]?.properties?.[property];
    const values = field?.enum ?? field?.items?.enum;
    expect(values?.length).toBeGreaterThan(0);
    const dictionary = dictionaries()[name] ?? {};
    const unlabelled = values!.filter((v) => !dictionary[v]?.['zh-CN'] || !dictionary[v]?.en);
    expect({ name, unlabelled }).toEqual({ name, unlabelled: [] });
  });
});
