import { safeUrl, scrubPii } from './logging';

describe('logs carry no identity or phone numbers (design.md "Reliability")', () => {
  it('masks ID numbers and mobile numbers anywhere in a text', () => {
    expect(scrubPii("Duplicate entry '33078119800101001X' for key; call 13800138000")).toBe("Duplicate entry '[id-number]' for key; call [phone]");
  });

  it('keeps request paths but drops every query value (?q= may be a name, an ID or a phone)', () => {
    expect(safeUrl('/api/v1/residents?q=张三&limit=20')).toBe('/api/v1/residents?q=…&limit=…');
    expect(safeUrl('/api/v1/contracts/abc')).toBe('/api/v1/contracts/abc');
  });
});
