import { dirname } from 'node:path';
import express, { Router } from 'express';
import { allowOnly } from '../http/validate';
import { openApiDocument } from './openapi.document';

// Relative links, so that the page also works below an API Gateway stage prefix (/dev/docs).
const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>authgate API</title><link rel="icon" href="docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script></body>
</html>`;

// Only the viewer's files: its index module would load its 1.5 MB browser bundle into the server at start.
const viewer = dirname(require.resolve('swagger-ui-dist/package.json'));

// An external script, not an inline one: the page keeps the app's Content-Security-Policy (script-src 'self').
const init =
  "window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#ui', validatorUrl: null, deepLinking: true });";

/** GET /openapi.json and the docs page, served from the app itself: no CDN, works offline. */
export function openApiRouter(): Router {
  const document = JSON.stringify(openApiDocument(), null, 2); // built once
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  router
    .route('/openapi.json')
    .get((_req, res) => void res.type('application/json').send(document))
    .all(allowOnly('GET'));
  router
    .route('/docs')
    .get((_req, res) => void res.type('html').send(page))
    .all(allowOnly('GET'));
  router.get('/docs/init.js', (_req, res) => void res.type('application/javascript').send(init));
  router.use('/docs/assets', express.static(viewer, { index: false, maxAge: '1d' }));
  return router;
}
