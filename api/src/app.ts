/**
 * The express application: middleware, every route module, OpenAPI, docs, the web app and the
 * error handler. Everything it needs is passed in; it holds no state of its own beyond the database.
 */
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { requestLogger } from './logger.ts';
import { mountRoutes, type RouteDef } from './http/route.ts';
import { openApiDocument, openApiRoute } from './http/openapi.ts';
import { errorHandler, notFoundHandler } from './http/error.map.ts';
import { docsRouter } from './http/docs.ts';
import { webRouter } from './http/web.ts';
import { createAuthService, type AuthService } from './auth/auth.service.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { organisationRoutes } from './organisations/organisations.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { adminUnitRoutes } from './admin-units/admin.units.routes.ts';
import type { Store } from './storage/store.ts';
import type { SurveyService } from './surveys/surveys.service.ts';
import { surveyRoutes } from './surveys/surveys.routes.ts';
import { tileRoutes } from './tiles/tiles.routes.ts';
import type { TileRendering } from './tiles/tile.render.ts';
import { changeTileRoutes } from './tiles/change.tiles.routes.ts';
import { Tiler } from '../../tiler/src/index.ts';
import { zoneRoutes } from './zones/zones.routes.ts';
import { changeRoutes } from './change/change.routes.ts';
import { statisticsRoutes } from './statistics/statistics.routes.ts';
import { vectorTileRoutes } from './vector-tiles/vector.tiles.routes.ts';
import { leanVectorTileHandler } from './vector-tiles/vector.tiles.lean.ts';
import { fieldPlotRoutes } from './field-plots/field.plots.routes.ts';
import { analysisRoutes } from './analysis/analysis.routes.ts';
import { exportRoutes } from './exports/exports.routes.ts';
import { vectorExportRoutes } from './vector-exports/vector.exports.routes.ts';
import { grazingPlanRoutes } from './grazing-plans/grazing.plans.routes.ts';
import { pastureUnitRoutes } from './pasture-units/pasture.units.routes.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { rawBodyRoute } from './imports/raw.body.ts';
import { TUS_PATH, tusHandler } from './uploads/tus.ts';
import { tusPaths } from './uploads/tus.openapi.ts';

export const API_VERSION = '0.1.0';

export interface AppDeps {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  readonly store: Store;
  readonly surveys: SurveyService;
  /** The process's raster tile rendering (render threads), shared with the jobs. */
  readonly rendering: TileRendering;
}

function resourceRoutes({ config, db, store, surveys, rendering }: AppDeps, auth: AuthService): RouteDef[] {
  const tiler = new Tiler();
  return [
    ...healthRoutes(db),
    ...authRoutes({ db, auth, cookieSecure: config.cookieSecure }),
    ...organisationRoutes(db),
    ...userRoutes(db),
    ...adminUnitRoutes(db),
    ...surveyRoutes({ db, store, surveys, maxUploadBytes: config.maxUploadBytes }),
    ...tileRoutes({ db, store, tiler, config, rendering }),
    ...changeTileRoutes({ db, store, tiler }),
    ...zoneRoutes({ db, store }),
    ...changeRoutes(db),
    ...vectorTileRoutes(db),
    ...fieldPlotRoutes({ db, store, surveys }),
    ...vectorExportRoutes(db),
    ...exportRoutes({ db, store }),
    ...statisticsRoutes({ db, store, config }),
    ...analysisRoutes(db),
    ...grazingPlanRoutes({ db, store, secretKey: config.secretKey }),
    ...importRoutes({ db, dataDir: config.dataDir }),
    ...pastureUnitRoutes(db),
  ];
}

export function createApp(deps: AppDeps): Express {
  const { config, db, logger, store, surveys } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.use(requestLogger(logger));
  const auth = createAuthService(db, {
    sessionTtlMs: config.sessionTtlMs,
    maxFailures: config.login.maxFailures,
    windowMs: config.login.windowMs,
  });
  app.use(leanVectorTileHandler(db, auth)); // MVT tiles ahead of the router; errors fall through to it
  const tus = tusHandler({
    db,
    store,
    auth,
    surveys,
    directory: config.uploadDir,
    maxUploadBytes: config.maxUploadBytes,
    logger,
  });
  app.all(TUS_PATH, tus);
  app.all(`${TUS_PATH}/*rest`, tus);
  const json = express.json({
    limit: config.jsonBodyLimit,
    strict: true,
    type: ['application/json', 'application/*+json'],
  });
  // Import routes stream their raw body themselves (GeoJSON up to 512 MB): the JSON parser skips them.
  app.use('/api', (req, res, next) => (rawBodyRoute(req) ? next() : json(req, res, next)));

  const routes: RouteDef[] = resourceRoutes(deps, auth);
  routes.push(openApiRoute(() => document));
  const document = openApiDocument(routes, { version: API_VERSION }, tusPaths);
  app.use(docsRouter());
  const api = express.Router();
  mountRoutes(api, routes, auth.authenticate);
  app.use(api);
  app.use('/api', notFoundHandler);
  app.use(webRouter(config.webDistDir));
  app.use(errorHandler);
  return app;
}
