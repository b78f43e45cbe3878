import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { createPagesHandler } from '../pages/handler';

export const pages = ({ config }: Deps): HttpHandler =>
  createPagesHandler({
    site: config.pages,
    region: config.region,
    baseUrl: config.urls.pages,
    plans: { ...config.billing.limits, priceDisplay: config.billing.priceDisplay },
  });
