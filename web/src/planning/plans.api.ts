/**
 * /api/grazing-plans from the browser (SPEC §2.4, §3): the list, one plan with the server's per-unit
 * capacity and utilisation, create, replace with If-Match (the plan's `"<id>-v<version>"`), submit,
 * approve, and the report links.
 */
import { apiRequest } from '../api/client.ts';
import { isRecord, ShapeError } from '../api/guards.ts';
import type { Livestock } from './livestock.ts';
import type { Band, DraftAssignment, DraftGroup } from './utilisation.ts';

export const PLAN_SEASONS = ['winter', 'spring', 'summer', 'autumn'] as const;
export type PlanSeason = (typeof PLAN_SEASONS)[number];
export type PlanStatus = 'draft' | 'submitted' | 'approved';

export interface PlanSummary {
  readonly id: string;
  readonly name: string;
  readonly soum: { readonly code: string; readonly nameMn: string | null; readonly nameEn: string };
  readonly season: PlanSeason;
  readonly year: number;
  readonly status: PlanStatus;
  readonly version: number;
  readonly updatedAt: string;
}

export interface PlanUnitView {
  readonly id: string;
  readonly name: string;
  readonly areaHa: number;
  readonly forageStatus: 'surveyed' | 'no_survey';
  readonly capacitySu: number | null;
  readonly grazableKg: number | null;
  readonly demandKg: number;
  readonly utilisationPct: number | null;
  readonly band: Band | null;
  readonly overgrazed: boolean;
}

export interface Plan extends PlanSummary {
  readonly startDate: string;
  readonly endDate: string;
  readonly days: number;
  readonly groups: ReadonlyArray<{
    readonly name: string;
    readonly livestock: Livestock;
    readonly sheepUnits: number;
  }>;
  readonly assignments: readonly DraftAssignment[];
  readonly units: readonly PlanUnitView[];
  readonly totals: { readonly overgrazedUnits: number; readonly unitsWithoutSurvey: number };
}

export interface PlanDocument {
  readonly name?: string;
  readonly soumCode: string;
  readonly season: PlanSeason;
  readonly year: number;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly groups: readonly DraftGroup[];
  readonly assignments: readonly DraftAssignment[];
}

const BASE = '/api/grazing-plans';

function plan(value: unknown): Plan {
  if (
    !isRecord(value) ||
    typeof value.id !== 'string' ||
    !Array.isArray(value.units) ||
    !Array.isArray(value.groups)
  )
    throw new ShapeError('the grazing plan answer is not a plan');
  return value as unknown as Plan;
}

const ifMatch = (p: Plan) => ({ 'If-Match': `"${p.id}-v${p.version}"` });

export async function listPlans(): Promise<PlanSummary[]> {
  const body = await apiRequest(BASE);
  if (!isRecord(body) || !Array.isArray(body.plans)) throw new ShapeError('plans is not a list');
  return body.plans as PlanSummary[];
}

export const getPlan = async (id: string): Promise<Plan> => plan(await apiRequest(`${BASE}/${id}`));

export const createPlan = async (doc: PlanDocument): Promise<Plan> =>
  plan(await apiRequest(BASE, { method: 'POST', body: doc }));

export const replacePlan = async (base: Plan, doc: PlanDocument): Promise<Plan> =>
  plan(await apiRequest(`${BASE}/${base.id}`, { method: 'PUT', body: doc, headers: ifMatch(base) }));

export const movePlan = async (base: Plan, step: 'submit' | 'approve'): Promise<Plan> =>
  plan(await apiRequest(`${BASE}/${base.id}/${step}`, { method: 'POST', headers: ifMatch(base) }));

export const reportHref = (p: Plan, format: 'csv' | 'pdf', lang: 'mn' | 'en'): string =>
  `${BASE}/${p.id}/report.${format}?lang=${lang}`;
