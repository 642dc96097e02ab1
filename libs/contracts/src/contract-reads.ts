import { Injectable } from '@nestjs/common';
import { Sql, TransactionRunner } from '@countycare/database';
import { Resident } from '@countycare/residents';
import type { EntityManager } from 'typeorm';
import { Contract, ContractPackage } from './contract.entity';
import { FollowUp } from './follow-up.entity';

/** The resident fields a contract view shows (masked name, sex, age). */
export type ResidentOfContract = Pick<Resident, 'id' | 'name' | 'sex' | 'birthDate'>;

export interface ContractWithLinks {
  contract: Contract;
  resident: ResidentOfContract;
  links: ContractPackage[];
}

/**
 * The contract reads on the hot path (GET /contracts/:id, the services a
 * clinician logs on it), as fixed SQL: the contract, its resident's brief
 * and its package links in one statement, the plan in another (issue #10:
 * the query builder cost more than the statements themselves).
 */
@Injectable()
export class ContractReads {
  private readonly withLinksSql: string;
  private readonly lockSql: string;
  private readonly toContract: (row: Record<string, unknown>) => Contract;
  private readonly toLink: (row: Record<string, unknown>) => ContractPackage;
  private readonly toResident: (row: Record<string, unknown>) => Resident;
  private readonly toWindow: (row: Record<string, unknown>) => FollowUp;
  private readonly planColumns: string;

  constructor(
    private readonly sql: Sql,
    private readonly tx: TransactionRunner,
  ) {
    this.withLinksSql = `SELECT ${sql.columns(Contract, 'c')}, r.id AS r_id, r.name AS r_name, r.sex AS r_sex, r.birth_date AS r_birth_date,
        ${sql.columns(ContractPackage, 'cp', 'cp_')}
      FROM contracts c
      INNER JOIN residents r ON r.id = c.resident_id
      LEFT JOIN contract_packages cp ON cp.contract_id = c.id
      WHERE c.id = ?
      ORDER BY cp.package_id`;
    this.lockSql = `SELECT ${sql.columns(Contract, 'c')}, ${sql.columns(ContractPackage, 'cp', 'cp_')}
      FROM contracts c LEFT JOIN contract_packages cp ON cp.contract_id = c.id
      WHERE c.id = ? ORDER BY cp.package_id`;
    this.toContract = sql.mapper(Contract);
    this.toLink = sql.mapper(ContractPackage, 'cp_');
    this.toResident = sql.mapper(Resident, 'r_');
    this.toWindow = sql.mapper(FollowUp);
    this.planColumns = sql.columns(FollowUp, 'f');
  }

  /** The contract with its resident's brief and its package links, or null. */
  async withLinks(id: string): Promise<ContractWithLinks | null> {
    const rows = await this.sql.rows(this.withLinksSql, [id]);
    if (rows.length === 0) return null;
    const first = rows[0];
    return {
      contract: this.toContract(first),
      resident: this.toResident(first),
      links: rows.filter((r) => r.cp_id !== null && r.cp_id !== undefined).map(this.toLink),
    };
  }

  /**
   * The contract and its package links, locked for the transaction of `em`
   * (FOR UPDATE on MySQL; SQLite's writer mutex already serializes), or null:
   * what logging a service needs, in one statement.
   */
  async lockWithLinks(em: EntityManager, id: string): Promise<{ contract: Contract; links: ContractPackage[] } | null> {
    const rows = await this.sql.rowsIn<Record<string, unknown>>(em, this.tx.isSqlite ? this.lockSql : `${this.lockSql} FOR UPDATE`, [id]);
    if (rows.length === 0) return null;
    return {
      contract: this.toContract(rows[0]),
      links: rows.filter((r) => r.cp_id !== null && r.cp_id !== undefined).map(this.toLink),
    };
  }

  /** The plan windows (package items) of contracts, in item and window order: ix_follow_ups_contract. */
  async plan(contractIds: readonly string[]): Promise<FollowUp[]> {
    if (contractIds.length === 0) return [];
    const rows = await this.sql.rows(
      `SELECT ${this.planColumns} FROM follow_ups f
        WHERE f.contract_id IN (${contractIds.map(() => '?').join(', ')}) AND f.kind = 'package_item'
        ORDER BY f.contract_id, f.item_code, f.window_start`,
      contractIds,
    );
    return rows.map(this.toWindow);
  }
}
