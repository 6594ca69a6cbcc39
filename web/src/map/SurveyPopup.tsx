/**
 * What a click on a survey shows: kind, name, flight date, GSD in cm, size in pixels, CRS, and a
 * link that downloads its Cloud Optimized GeoTIFF.
 */
import type { ReactNode } from 'react';
import { cogUrl } from '../api/surveys.ts';
import type { Survey } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { PALETTE } from './palette.ts';

export function SurveyPopup({ survey }: { survey: Survey }): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const colour = survey.kind === 'multispectral' ? PALETTE.surveyMultispectral : PALETTE.surveyRgb;
  return (
    <div className="unit-popup__body" data-testid="survey-popup">
      <div className="unit-popup__kind" style={{ color: colour }}>
        {t('popup.survey')} · {t(survey.kind === 'rgb' ? 'kind.rgb' : 'kind.multispectral')}
      </div>
      <h3 className="unit-popup__name">{survey.name}</h3>
      <dl className="unit-popup__facts">
        <dt>{t('survey.date')}</dt>
        <dd>{format.date(survey.date)}</dd>
        {survey.gsd !== null && (
          <>
            <dt>{t('survey.gsd')}</dt>
            <dd>{format.gsd(survey.gsd)}</dd>
          </>
        )}
        {survey.width !== null && survey.height !== null && (
          <>
            <dt>{t('survey.pixels')}</dt>
            <dd>{format.pixels(survey.width, survey.height)}</dd>
          </>
        )}
        {survey.crs && (
          <>
            <dt>{t('survey.crs')}</dt>
            <dd className="unit-popup__crs">
              {survey.crs.name}
              {survey.crs.epsg !== null && <span className="muted"> (EPSG:{survey.crs.epsg})</span>}
            </dd>
          </>
        )}
      </dl>
      <a
        className="button button--secondary button--small unit-popup__action"
        href={cogUrl(survey.id)}
        download
      >
        <Icon name="download" size={16} />
        {t('survey.downloadCog')}
      </a>
    </div>
  );
}
