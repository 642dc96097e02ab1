import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { Principal, ProblemException } from '@countycare/common';
import { Brackets, WhereExpressionBuilder } from 'typeorm';
import { Action, AppAbility, defineAbility, SubjectType } from './app-ability';

type Condition = Record<string, unknown>;

/**
 * The one place that answers "may this role do this" (else 403) and "is
 * this record inside the caller's scope" (else 404, so existence does not
 * leak). Controllers and services call it; nobody checks roles ad hoc.
 */
/** Sessions whose ability is kept; beyond this the oldest is rebuilt when next needed. */
const MAX_ABILITIES = 20_000;

/** Everything of a principal the rules are built from: the same values, the same ability. */
const scopeKey = (p: Principal) => `${p.userId}|${p.role}|${p.countyId}|${p.institutionId}|${p.teamId}|${p.residentId}`;

@Injectable()
export class Policy {
  private readonly abilities = new Map<string, AppAbility>();

  /** The ability of a principal, built once per user and scope rather than once per request. */
  ability(p: Principal): AppAbility {
    const key = scopeKey(p);
    let ability = this.abilities.get(key);
    if (!ability) {
      ability = defineAbility(p);
      if (this.abilities.size >= MAX_ABILITIES) this.abilities.delete(this.abilities.keys().next().value as string);
      this.abilities.set(key, ability);
    }
    return ability;
  }

  /** Whether the role has any rule for the action at all. */
  roleMay(p: Principal, action: Action, type: SubjectType): boolean {
    return this.ability(p).can(action, type);
  }

  /** Whether this record is inside the caller's scope for the action. */
  can(p: Principal, action: Action, type: SubjectType, record: object): boolean {
    return this.ability(p).can(action, asSubject(type, { ...record }) as never);
  }

  /** 403 when the role may never do this action. */
  assertRole(p: Principal, action: Action, type: SubjectType): void {
    if (!this.roleMay(p, action, type)) throw ProblemException.forbidden();
  }

  /** 403 when the role may never do this; 404 (named `resource`) when this record is outside the scope. */
  assertCan(p: Principal, action: Action, type: SubjectType, record: object | null | undefined, resource: string): void {
    this.assertRole(p, action, type);
    if (!record || !this.can(p, action, type, record)) throw ProblemException.notFound(resource);
  }

  /**
   * The scope as a fixed-SQL condition on `alias` (columns named like the
   * record's fields in snake_case: teamId → team_id), with its parameters,
   * for the hot paths written as plain SQL; `null` means no restriction.
   * The same rules as scopeWhere, so a list reads the same rows either way.
   */
  scopeSql(p: Principal, action: Action, type: SubjectType, alias: string): { sql: string; params: unknown[] } | null {
    this.assertRole(p, action, type);
    const rules = this.ability(p).rulesFor(action, type);
    if (rules.some((r) => !r.conditions && !r.inverted)) return null;
    const params: unknown[] = [];
    const column = (field: string) => `${alias}.${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
    const branches = rules.map((rule) => {
      if (rule.inverted) throw new Error('inverted rules are not translated to SQL');
      const parts = Object.entries(rule.conditions as Condition).map(([field, value]) => {
        if (value === null || value === undefined) return '1 = 0';
        if (typeof value === 'object' && Array.isArray((value as { $in?: unknown[] }).$in)) {
          const list = (value as { $in: unknown[] }).$in;
          params.push(...list);
          return `${column(field)} IN (${list.map(() => '?').join(', ')})`;
        }
        params.push(value);
        return `${column(field)} = ?`;
      });
      return `(${parts.join(' AND ')})`;
    });
    return { sql: branches.length ? `(${branches.join(' OR ')})` : '1 = 0', params };
  }

  /**
   * The scope as a WHERE clause on `alias` (fields named as on the record), so
   * lists only ever load what the caller may see. Null means no restriction.
   * Throws 403 when the role has no rule for the action.
   */
  scopeWhere(p: Principal, action: Action, type: SubjectType, alias: string): Brackets | null {
    this.assertRole(p, action, type);
    const rules = this.ability(p).rulesFor(action, type);
    if (rules.some((r) => !r.conditions && !r.inverted)) return null;
    let n = 0;
    return new Brackets((any: WhereExpressionBuilder) => {
      for (const rule of rules) {
        if (rule.inverted) throw new Error('inverted rules are not translated to SQL');
        any.orWhere(
          new Brackets((all: WhereExpressionBuilder) => {
            for (const [field, value] of Object.entries(rule.conditions as Condition)) {
              const name = `scope_${n++}`;
              if (value === null || value === undefined) {
                all.andWhere('1 = 0');
              } else if (typeof value === 'object' && Array.isArray((value as { $in?: unknown[] }).$in)) {
                all.andWhere(`${alias}.${field} IN (:...${name})`, { [name]: (value as { $in: unknown[] }).$in });
              } else {
                all.andWhere(`${alias}.${field} = :${name}`, { [name]: value });
              }
            }
          }),
        );
      }
    });
  }
}
