import { createApiServices } from '../api/api-services';
import { createApiHandler } from '../api/create-api-handler';
import { createBillingService } from '../billing/checkout';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { buildAdmissionDeps } from '../pipeline/build-deps';

/** The add-on's backend: admission and retry through the pipeline, Checkout and portal through billing. */
export const api = (d: Deps): HttpHandler =>
  createApiHandler(
    d,
    createApiServices({
      admission: buildAdmissionDeps(d, d.queue),
      billing: createBillingService({ stripe: d.stripe, paths: d.paths, config: d.config.billing, now: d.now }),
    }),
  );
