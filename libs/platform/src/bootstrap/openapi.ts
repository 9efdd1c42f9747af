import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

export interface OpenApiOptions {
  title: string;
  description: string;
  version: string;
}

/**
 * The service's OpenAPI document, built from its controllers and request DTOs: the routes come
 * from Nest, the request schemas from the same class-validator rules that check requests, so the
 * document cannot drift from what is enforced.
 */
export function buildOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage as never }) as Record<string, object>;
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...schemas } };
  return document;
}

/** Serves the document at /docs (Swagger UI) and /docs-json; both are public. */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, options), { jsonDocumentUrl: 'docs-json' });
}
