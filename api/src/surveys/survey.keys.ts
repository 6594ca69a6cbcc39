/**
 * Where a survey's files live in the store: one prefix per version, so a new upload never touches
 * the published version's files until it is itself published.
 */
export const surveyPrefix = (surveyId: string) => `surveys/${surveyId}`;
export const versionPrefix = (surveyId: string, version: number) => `${surveyPrefix(surveyId)}/v${version}`;
export const sourceKey = (surveyId: string, version: number) =>
  `${versionPrefix(surveyId, version)}/source.tif`;
export const cogKey = (surveyId: string, version: number) => `${versionPrefix(surveyId, version)}/cog.tif`;
/** The green-cover layer (uint8 %, DOMAIN §3) of a version. */
export const coverKey = (surveyId: string, version: number) =>
  `${versionPrefix(surveyId, version)}/cover.tif`;

/** An index product (float32 COG) of a version. */
export const productKey = (surveyId: string, version: number, product: string) =>
  `${versionPrefix(surveyId, version)}/products/${product}.tif`;

/** The job key of processing one survey version (identical pending work is enqueued once). */
export const processJobKey = (surveyId: string, version: number) => `survey.process:${surveyId}:${version}`;
export const PROCESS_JOB = 'survey.process';
export const PRODUCT_JOB = 'survey.product';
export const productJobKey = (surveyId: string, version: number, product: string) =>
  `${PRODUCT_JOB}:${surveyId}:${version}:${product}`;
