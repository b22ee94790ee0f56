/// `/api/v1/openapi.yaml`. The item shapes are the CLI's `--format json` lines, named by the
/// `$id` of their JSON Schemas (`Tests/Fixtures/*.schema.json`, the same files the CLI's
/// output is validated against); the tests validate this server's answers against both.
enum OpenAPIDocument {
    static let yaml = """
        openapi: 3.1.0
        info:
          title: chipwatch API
          version: "1"
          description: >-
            Read-only access to the signal log, the milestone board, the alerts and the feeds'
            health, in the shapes `chipwatch signals|milestones|alerts|feeds --format json` print.
            Lists come as {items, next}; pass `next` back as `after` for the following page
            (null: the last page). Every path needs HTTP Basic credentials or a session cookie.
        jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema
        security:
          - basic: []
        paths:
          /api/v1/signals:
            get:
              summary: The signal log, newest first, filtered as `chipwatch signals` filters.
              parameters:
                - {name: since, in: query, schema: {type: string}, description: Published at or after (ISO 8601).}
                - {name: until, in: query, schema: {type: string}, description: Published at or before (ISO 8601).}
                - {name: vendor, in: query, schema: {type: string}}
                - {name: product, in: query, schema: {type: string}, description: Part of the canonical name.}
                - {name: event, in: query, schema: {enum: [ship, slip, announce, cancel, restrict, relax]}}
                - {name: modality, in: query, schema: {enum: [confirmed, reported, rumour, planned, denied, recap]}}
                - {name: min_confidence, in: query, schema: {type: number, minimum: 0, maximum: 1}}
                - {name: q, in: query, schema: {type: string}, description: Words in the title or the evidence sentence.}
                - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
                - {name: after, in: query, schema: {type: string}, description: The `next` of the page before.}
              responses:
                "200": {description: A page of signals., content: {application/json: {schema: {$ref: "#/components/schemas/SignalPage"}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "503": {$ref: "#/components/responses/Unavailable"}
          /api/v1/milestones:
            get:
              summary: The roadmap's milestones in the roadmap's order, with their state.
              responses:
                "200": {description: Every milestone., content: {application/json: {schema: {$ref: "#/components/schemas/MilestoneList"}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "503": {$ref: "#/components/responses/Unavailable"}
          /api/v1/alerts:
            get:
              summary: The alerts fired, newest first.
              parameters:
                - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
                - {name: after, in: query, schema: {type: string}, description: The `next` of the page before.}
              responses:
                "200": {description: A page of alerts., content: {application/json: {schema: {$ref: "#/components/schemas/AlertPage"}}}}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "503": {$ref: "#/components/responses/Unavailable"}
          /api/v1/feeds:
            get:
              summary: Each configured feed's health.
              responses:
                "200": {description: Every feed., content: {application/json: {schema: {$ref: "#/components/schemas/FeedList"}}}}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "503": {$ref: "#/components/responses/Unavailable"}
        components:
          securitySchemes:
            basic: {type: http, scheme: basic}
          responses:
            BadRequest:
              description: A parameter this server cannot read; the message names it.
              content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
            Unauthorized:
              description: No credentials, or wrong ones.
            Unavailable:
              description: The store could not answer (gone, or its connection lost); try again later.
              content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
          schemas:
            Error:
              type: object
              required: [error]
              properties: {error: {type: string}}
              additionalProperties: false
            Cursor:
              oneOf: [{type: string, minLength: 1}, {type: "null"}]
            SignalPage:
              type: object
              required: [items, next]
              properties:
                items: {type: array, items: {$ref: "https://chipwatch.invalid/schemas/signals.json"}}
                next: {$ref: "#/components/schemas/Cursor"}
              additionalProperties: false
            MilestoneList:
              type: object
              required: [items, next]
              properties:
                items: {type: array, items: {$ref: "https://chipwatch.invalid/schemas/milestones.json"}}
                next: {type: "null"}
              additionalProperties: false
            AlertPage:
              type: object
              required: [items, next]
              properties:
                items: {type: array, items: {$ref: "https://chipwatch.invalid/schemas/alerts.json"}}
                next: {$ref: "#/components/schemas/Cursor"}
              additionalProperties: false
            FeedList:
              type: object
              required: [items, next]
              properties:
                items: {type: array, items: {$ref: "https://chipwatch.invalid/schemas/feeds.json"}}
                next: {type: "null"}
              additionalProperties: false

        """
}
