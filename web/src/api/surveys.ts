/**
 * /api/surveys (SPEC §3): list, one, create, delete, and the URLs of the tus endpoint and the COG.
 */
import { apiRequest } from './client.ts';
import { parseSurvey, parseSurveyList, type BandName, type Survey, type SurveyKind } from './survey.types.ts';

export const TUS_ENDPOINT = '/api/uploads';

export interface NewSurvey {
  readonly name: string;
  readonly date: string;
  readonly kind: SurveyKind;
  readonly bands?: readonly BandName[];
  readonly soum?: string;
}

export async function fetchSurveys(signal?: AbortSignal): Promise<Survey[]> {
  return parseSurveyList(await apiRequest('/api/surveys?limit=1000', { signal }));
}

export async function fetchSurvey(id: string, signal?: AbortSignal): Promise<Survey> {
  return parseSurvey(await apiRequest(`/api/surveys/${encodeURIComponent(id)}`, { signal }));
}

export async function createSurvey(survey: NewSurvey): Promise<Survey> {
  return parseSurvey(await apiRequest('/api/surveys', { method: 'POST', body: survey }));
}

export async function deleteSurvey(id: string): Promise<void> {
  await apiRequest(`/api/surveys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The survey's Cloud Optimized GeoTIFF (range requests; GDAL /vsicurl/ reads it too). */
export function cogUrl(id: string): string {
  return `/api/surveys/${encodeURIComponent(id)}/imagery.tif`;
}
