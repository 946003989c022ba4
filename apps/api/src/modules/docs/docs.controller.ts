import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { buildOpenApiDocument } from './openapi.builder.js';
import { discoverRoutes } from './route-discovery.js';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Earshot API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui', withCredentials: true });`;

/** The OpenAPI document (generated from the routes and contracts schemas) and Swagger UI. */
@Public()
@Controller('docs')
export class DocsController {
  private document: Record<string, unknown> | null = null;

  constructor(
    private readonly modules: ModulesContainer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiDoc({ tag: 'docs', summary: 'Swagger UI for this API' })
  page(): string {
    return PAGE;
  }

  @Get('init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @ApiDoc({ tag: 'docs', summary: 'Swagger UI start-up script' })
  init(): string {
    return INIT;
  }

  @Get('openapi.json')
  @ApiDoc({ tag: 'docs', summary: 'The OpenAPI 3.1 document' })
  openapi(): Record<string, unknown> {
    return (this.document ??= buildOpenApiDocument(discoverRoutes(this.modules), this.config.version));
  }
}
