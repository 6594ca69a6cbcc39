/**
 * Grazing plans: access, the draft → submitted → approved workflow with optimistic locking, the
 * utilisation view, and the reports. On approval the report is rendered (Mongolian and English),
 * signed as PAdES with the approving organisation's certificate, and stored; an approved plan is
 * read-only and its report.pdf is that signed file.
 * Reference: SPEC §2.4, §3; DOMAIN.md §5–§7.
 */
import { Readable } from 'node:stream';
import {
  ConflictError,
  daysInclusive,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '@belcheer/processing';
import type { Db, Queryable } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import type { Store } from '../storage/store.ts';
import * as repo from './grazing.plans.repository.ts';
import { getCertificate } from './signing.certificate.repository.ts';
import type { Plan, PlanBody, ReportLang } from './grazing.plans.schemas.ts';
import { checkGroupNames, planDates, resolveAssignments } from './plan.dates.ts';
import { computePlan } from './plan.utilisation.ts';
import { renderPlanPdf } from './report.pdf.ts';
import { signPdf } from './pdf.sign.ts';
import { open, requireSecretKey } from './secret.box.ts';
import type { MapUnit } from './plan.map.ts';

export interface PlanReport {
  readonly plan: Plan;
  readonly units: MapUnit[];
}

/** `"<id>-v<version>"`: changes with every write. */
export function planEtag(plan: { id: string; version: number }): string {
  return `"${plan.id}-v${plan.version}"`;
}

function checkIfMatch(ifMatch: string | undefined, record: repo.PlanRecord): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((s) => s.trim().replace(/^W\//, ''));
  if (!tags.includes(planEtag(record))) {
    throw new PreconditionFailedError(
      `grazing plan ${record.id} has changed (now version ${record.version}): reload it and apply the change again`,
    );
  }
}

function scopeOf(caller: Caller): repo.PlanScope {
  const reviews = caller.role === 'land_officer' || caller.role === 'admin';
  return { orgs: readableOrganisations(caller), reviewerOrg: reviews ? caller.organisationId : null };
}

/** Only the plan's own organisation edits it, and never once approved. */
function checkEditable(caller: Caller, record: repo.PlanRecord): void {
  if (!readableOrganisations(caller).includes(record.organisationId)) {
    throw new ForbiddenError(
      `grazing plan ${record.id} belongs to ${record.organisationName}: only it may edit`,
    );
  }
  if (record.status === 'approved') {
    throw new ConflictError(`grazing plan ${record.id} is approved and read-only`);
  }
}

async function buildReport(db: Queryable, record: repo.PlanRecord): Promise<PlanReport> {
  const groups = await repo.getGroups(db, record.id);
  const assignments = await repo.getAssignments(db, record.id);
  const units = await repo.getUnits(db, record.organisationId, [
    ...new Set(assignments.map((a) => a.unitId)),
  ]);
  const days = daysInclusive(record.startDate, record.endDate);
  const computed = computePlan(days, groups, assignments, units);
  const plan: Plan = {
    id: record.id,
    name: record.name,
    organisation: { id: record.organisationId, name: record.organisationName },
    soum: record.soum,
    season: record.season,
    year: record.year,
    startDate: record.startDate,
    endDate: record.endDate,
    days,
    status: record.status,
    submitted: record.submitted,
    approved: record.approved,
    version: record.version,
    ...computed,
    signed: record.signedReportKeys !== null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  const mapUnits = computed.units.map((view) => ({ view, geometry: units.get(view.id)!.geometry }));
  return { plan, units: mapUnits };
}

/** Checks the document and writes header, groups and assignments; returns the plan's id. */
async function writeDocument(
  tx: Queryable,
  caller: Caller,
  body: PlanBody,
  existing: repo.PlanRecord | null,
): Promise<string> {
  const organisationId = existing?.organisationId ?? caller.organisationId;
  if (!(await repo.soumAimag(tx, body.soumCode))) {
    throw new ValidationError(`soumCode: no soum has the code ${body.soumCode}`);
  }
  const dates = planDates(body);
  const names = checkGroupNames(body.groups);
  const assignments = resolveAssignments(dates, names, body.assignments);
  const units = await repo.getUnits(
    tx,
    organisationId,
    assignments.map((a) => a.unitId),
  );
  assignments.forEach((a, i) => {
    const unit = units.get(a.unitId);
    if (!unit || unit.deleted) {
      throw new ValidationError(`assignments[${i}].unitId: no pasture unit ${a.unitId} in this organisation`);
    }
    if (unit.soumCode !== body.soumCode) {
      throw new ValidationError(
        `assignments[${i}].unitId: unit "${unit.name}" is in soum ${unit.soumCode}, not the plan's ${body.soumCode}`,
      );
    }
  });
  const header = {
    name: body.name ?? `${body.soumCode} ${body.season} ${body.year}`,
    soumCode: body.soumCode,
    season: body.season,
    year: body.year,
    ...dates,
  };
  const id = existing?.id ?? (await repo.insertPlan(tx, organisationId, caller.userId, header));
  if (existing) await repo.updatePlan(tx, id, header);
  await repo.replaceContents(tx, id, body.groups, assignments);
  return id;
}

export function createGrazingPlanService(db: Db, store: Store, secretKey: Uint8Array | null) {
  async function load(caller: Caller, id: string, q: Queryable = db): Promise<repo.PlanRecord> {
    return repo.getPlan(q, scopeOf(caller), id);
  }

  async function get(caller: Caller, id: string, q: Queryable = db): Promise<Plan> {
    return (await buildReport(q, await load(caller, id, q))).plan;
  }

  async function approve(caller: Caller, id: string, ifMatch: string | undefined): Promise<Plan> {
    const record = await load(caller, id);
    const aimag = await repo.organisationAimag(db, caller.organisationId);
    if ((caller.role !== 'land_officer' && caller.role !== 'admin') || aimag !== record.soum.aimagCode) {
      throw new ForbiddenError(
        `only a land officer or admin of aimag ${record.soum.aimagCode} approves plans of soum ${record.soum.code}` +
          ` (you: ${caller.role} of ${aimag ?? 'no aimag'})`,
      );
    }
    checkIfMatch(ifMatch, record);
    if (record.status !== 'submitted') {
      throw new ConflictError(`only a submitted plan can be approved; plan ${id} is ${record.status}`);
    }
    const key = requireSecretKey(secretKey);
    const cert = await getCertificate(db, caller.organisationId);
    if (!cert) {
      throw new ConflictError(
        `${caller.organisationName} has no signing certificate: an admin sets it with PUT /api/organisations/${caller.organisationId}/signing-certificate`,
      );
    }
    const at = new Date();
    if (at > new Date(cert.notAfter) || at < new Date(cert.notBefore)) {
      throw new ConflictError(
        `the signing certificate of ${caller.organisationName} is valid only ${cert.notBefore} – ${cert.notAfter}`,
      );
    }
    const p12 = open(key, cert.p12Sealed);
    const passphrase = open(key, cert.passphraseSealed).toString('utf8');
    const report = await buildReport(db, record);
    const approved: Plan = {
      ...report.plan,
      status: 'approved',
      approved: { id: caller.userId, name: caller.name, at: at.toISOString() },
    };
    const keys: Record<string, string> = {};
    for (const lang of ['mn', 'en'] as const) {
      const pdf = await renderPlanPdf(approved, report.units, lang, {
        name: caller.name,
        reason: `${lang === 'mn' ? 'Бэлчээр ашиглалтын төлөвлөгөө баталсан' : 'Grazing plan approved'}: ${record.name}`,
        location: `${record.soum.nameEn} (${record.soum.code}), Mongolia`,
        contactInfo: caller.email,
        signingTime: at,
      });
      keys[lang] = `grazing-plans/${id}/v${record.version + 1}/report-${lang}.pdf`;
      await store.put(keys[lang], Readable.from([await signPdf(pdf, p12, passphrase, at)]));
    }
    return db.transaction(async (tx) => {
      checkIfMatch(planEtag(record), await load(caller, id, tx));
      await repo.setApproved(tx, id, caller.userId, at, keys);
      await audit(tx, caller, 'update', 'grazing_plan', id, {
        status: 'approved',
        certificate: cert.fingerprintSha256,
      });
      return get(caller, id, tx);
    });
  }

  return {
    get,
    approve,
    async list(caller: Caller, q: { soum?: string; year?: number; status?: string }) {
      return repo.listPlans(db, scopeOf(caller), q);
    },
    async create(caller: Caller, body: PlanBody): Promise<Plan> {
      if (caller.role === 'agency') throw new ForbiddenError('agencies read plans but do not write them');
      return db.transaction(async (tx) => {
        const id = await writeDocument(tx, caller, body, null);
        await audit(tx, caller, 'create', 'grazing_plan', id, { soum: body.soumCode, year: body.year });
        return get(caller, id, tx);
      });
    },
    async replace(caller: Caller, id: string, body: PlanBody, ifMatch: string | undefined): Promise<Plan> {
      return db.transaction(async (tx) => {
        const record = await load(caller, id, tx);
        checkEditable(caller, record);
        checkIfMatch(ifMatch, record);
        await writeDocument(tx, caller, body, record);
        await audit(tx, caller, 'update', 'grazing_plan', id, { version: record.version + 1 });
        return get(caller, id, tx);
      });
    },
    async remove(caller: Caller, id: string, ifMatch: string | undefined): Promise<void> {
      await db.transaction(async (tx) => {
        const record = await load(caller, id, tx);
        checkEditable(caller, record);
        checkIfMatch(ifMatch, record);
        await repo.deletePlan(tx, id);
        await audit(tx, caller, 'delete', 'grazing_plan', id);
      });
    },
    async submit(caller: Caller, id: string, ifMatch: string | undefined): Promise<Plan> {
      return db.transaction(async (tx) => {
        const record = await load(caller, id, tx);
        checkEditable(caller, record);
        checkIfMatch(ifMatch, record);
        if (record.status !== 'draft') throw new ConflictError(`plan ${id} is already ${record.status}`);
        await repo.setSubmitted(tx, id, caller.userId);
        await audit(tx, caller, 'update', 'grazing_plan', id, { status: 'submitted' });
        return get(caller, id, tx);
      });
    },
    /** The report's data; for an approved plan also the stored signed PDF's key in `lang`. */
    async report(
      caller: Caller,
      id: string,
      lang: ReportLang,
    ): Promise<PlanReport & { signedKey: string | null }> {
      const record = await load(caller, id);
      const signedKey = record.status === 'approved' ? (record.signedReportKeys?.[lang] ?? null) : null;
      if (record.status === 'approved' && !signedKey)
        throw new NotFoundError(`plan ${id} has no signed report in ${lang}`);
      return { ...(await buildReport(db, record)), signedKey };
    },
  };
}

export type GrazingPlanService = ReturnType<typeof createGrazingPlanService>;
