#!/usr/bin/env python3
"""Writes Sources/WhatMattersWeb/Resources/openapi.json, the JSON API's description.

The document is the contract: the Web tests check that every API route in the route table
is described here and that nothing here is missing from the route table, and schemathesis
tests every operation against it. Edit this script, run it, commit both.
"""
import json, pathlib

def enum(*codes): return {"type": "string", "enum": list(codes)}
uuid = {"type": "string", "format": "uuid"}
date = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
ts = {"type": "string", "format": "date-time"}
def text(max_len, desc=None):
    s = {"type": "string", "maxLength": max_len}
    if desc: s["description"] = desc
    return s

SERVICE = enum("adults", "children", "carers")
LANG = enum("cy", "en", "other")
KIND = enum("what-matters", "review", "safeguarding", "multi-agency", "crisis", "other")
PARTICIPANT = enum("person", "child", "parent", "carer", "family", "advocate", "partner-agency")
WHOSE = enum("person", "child", "parent", "carer", "family", "advocate", "practitioner")
NEXT = enum("information-or-advice", "community-resources", "own-solution", "no-further-action", "plan-agreed", "assessment-needed")

schemas = {
    "Team": {"type": "object", "required": ["id", "name", "service"], "properties": {"id": uuid, "name": {"type": "string"}, "service": SERVICE}},
    "Person": {"type": "object",
        "required": ["id", "name", "service", "teamID", "preferredLanguage", "activeOfferMadeBy", "communicationNeeds", "version", "createdAt", "updatedAt"],
        "properties": {"id": uuid, "name": {"type": "string"}, "dateOfBirth": date, "service": SERVICE, "teamID": uuid,
            "allocatedWorkerID": uuid, "preferredLanguage": LANG, "activeOfferMadeOn": date, "activeOfferMadeBy": {"type": "string"},
            "communicationNeeds": {"type": "string"}, "version": {"type": "integer"}, "createdAt": ts, "updatedAt": ts}},
    "PersonWrite": {"type": "object", "required": ["name", "service", "teamID", "preferredLanguage"],
        "description": "Text is stored exactly as sent. Invalid fields are all reported at once in a 422 problem.",
        "properties": {"name": text(200), "dateOfBirth": date, "service": SERVICE, "teamID": uuid, "allocatedWorkerID": uuid,
            "preferredLanguage": LANG, "activeOfferMadeOn": date, "activeOfferMadeBy": text(200), "communicationNeeds": text(2000),
            "version": {"type": "integer", "description": "On update: the version you read. If someone saved since, the update is refused with 409."}}},
    "Conversation": {"type": "object",
        "required": ["id", "personID", "date", "kind", "participants", "othersPresent", "language", "whatMatters", "whoseWords", "narrative", "whatHappenedNext", "version", "createdAt", "updatedAt"],
        "properties": {"id": uuid, "personID": uuid, "date": date, "kind": KIND, "participants": {"type": "array", "items": PARTICIPANT},
            "othersPresent": {"type": "string"}, "language": LANG, "whatMatters": {"type": "string"}, "whoseWords": WHOSE,
            "narrative": {"type": "string"}, "whatHappenedNext": NEXT, "recordedBy": uuid, "version": {"type": "integer"},
            "createdAt": ts, "updatedAt": ts}},
    "ConversationWrite": {"type": "object", "required": ["date", "kind", "language", "whatMatters", "whatHappenedNext"],
        "properties": {"date": date, "kind": KIND, "participants": {"type": "array", "items": PARTICIPANT}, "othersPresent": text(500),
            "language": LANG, "whatMatters": text(10000, "What matters to the person, in their own words."), "whoseWords": WHOSE,
            "narrative": text(50000), "whatHappenedNext": NEXT, "version": {"type": "integer"}}},
    "Search": {"type": "object", "required": ["query"], "properties": {"query": {**text(200), "description": "Part of a name (accents optional) or a date of birth (YYYY-MM-DD or DD/MM/YYYY)."}}},
    "PersonPage": {"type": "object", "required": ["items", "page", "per", "total"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Person"}}, "page": {"type": "integer"}, "per": {"type": "integer"}, "total": {"type": "integer"}}},
    "ConversationPage": {"type": "object", "required": ["items", "page", "per", "total"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Conversation"}}, "page": {"type": "integer"}, "per": {"type": "integer"}, "total": {"type": "integer"}}},
    "SubjectAccess": {"type": "object", "required": ["format", "person", "conversations", "breakGlass", "accessLog"],
        "description": "Everything held about one person, including who has looked at their record.",
        "properties": {"format": {"const": "whatmatters.subject-access/1"}, "person": {"$ref": "#/components/schemas/Person"},
            "conversations": {"type": "array", "items": {"$ref": "#/components/schemas/Conversation"}},
            "breakGlass": {"type": "array", "items": {"type": "object", "required": ["staff", "reason", "startedAt", "expiresAt"], "properties": {
                "staff": {"type": "string"}, "reason": {"type": "string"}, "startedAt": ts, "expiresAt": ts}}},
            "accessLog": {"type": "array", "items": {"type": "object", "required": ["seq", "at", "actor", "action", "detail"], "properties": {
                "seq": {"type": "integer"}, "at": {"type": "string"}, "actor": {"type": "string"}, "action": {"type": "string"}, "detail": {"type": "string"}}}}}},
    "Problem": {"type": "object", "required": ["type", "title", "status"], "description": "RFC 9457 problem details, in the language of Accept-Language (cy or en).",
        "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object", "required": ["field", "code", "message"], "properties": {
                "field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}, "limit": {"type": "integer"}}}}}},
}

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def ok(schema, desc="OK", status="200"): return {status: {"description": desc, "content": {"application/json": {"schema": schema}}}}
def problems(*codes):
    names = {"400": "The request could not be read", "401": "No valid bearer token", "404": "Not found, or not in your teams",
             "409": "Someone else saved first", "422": "Invalid fields, each named"}
    return {c: {"description": names[c], "content": {"application/problem+json": {"schema": ref("Problem")}}} for c in codes}
def body(name): return {"required": True, "content": {"application/json": {"schema": ref(name)}}}
paging = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 1}},
          {"name": "per", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}]
def pid(name): return [{"name": name, "in": "path", "required": True, "schema": uuid}]

doc = {
    "openapi": "3.1.0",
    "info": {"title": "WhatMatters API", "version": "1.0.0",
             "description": "People supported and their What Matters conversations. Bearer-token authentication (whatmatters token create). You see only people in your own teams. Errors are application/problem+json naming each invalid field."},
    "servers": [{"url": "/"}],
    "security": [{"bearer": []}],
    "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": schemas},
    "paths": {
        "/healthz": {"get": {"operationId": "health", "security": [], "summary": "200 only when the database answers",
            "responses": {"200": {"description": "Healthy", "content": {"text/plain": {"schema": {"type": "string"}}}},
                          "503": {"description": "Database unavailable", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
        "/api/v1/teams": {"get": {"operationId": "listTeams", "summary": "Your teams",
            "responses": {**ok({"type": "array", "items": ref("Team")}), **problems("401")}}},
        "/api/v1/people": {
            "get": {"operationId": "listPeople", "summary": "People in your teams, by name", "parameters": paging,
                    "responses": {**ok(ref("PersonPage")), **problems("401", "422")}},
            "post": {"operationId": "createPerson", "summary": "Add a person", "requestBody": body("PersonWrite"),
                     "responses": {**ok(ref("Person"), "Created", "201"), **problems("400", "401", "422")}}},
        "/api/v1/people/search": {"post": {"operationId": "searchPeople", "summary": "Find people by name or date of birth (the query travels in the body, never in a URL)",
            "requestBody": body("Search"), "responses": {**ok(ref("PersonPage")), **problems("400", "401", "422")}}},
        "/api/v1/people/{personID}": {
            "parameters": pid("personID"),
            "get": {"operationId": "getPerson", "responses": {**ok(ref("Person")), **problems("401", "404")}},
            "put": {"operationId": "updatePerson", "requestBody": body("PersonWrite"),
                    "responses": {**ok(ref("Person")), **problems("400", "401", "404", "409", "422")}}},
        "/api/v1/people/{personID}/conversations": {
            "parameters": pid("personID"),
            "get": {"operationId": "listConversations", "summary": "A person's conversations, newest first", "parameters": paging,
                    "responses": {**ok(ref("ConversationPage")), **problems("401", "404", "422")}},
            "post": {"operationId": "createConversation", "summary": "Record a conversation", "requestBody": body("ConversationWrite"),
                     "responses": {**ok(ref("Conversation"), "Created", "201"), **problems("400", "401", "404", "422")}}},
        "/api/v1/people/{personID}/subject-access": {
            "parameters": pid("personID"),
            "get": {"operationId": "subjectAccess", "summary": "Everything held about the person, including who has looked at the record (subject access)",
                    "responses": {**ok(ref("SubjectAccess")), **problems("401", "404")}}},
        "/api/v1/conversations/{conversationID}": {
            "parameters": pid("conversationID"),
            "get": {"operationId": "getConversation", "responses": {**ok(ref("Conversation")), **problems("401", "404")}},
            "put": {"operationId": "updateConversation", "requestBody": body("ConversationWrite"),
                    "responses": {**ok(ref("Conversation")), **problems("400", "401", "404", "409", "422")}}},
    },
}
# The plan (issue 3): a person's plan as a plan document, the format's own JSON Schema
# (a copy of ../shared/formats/plan-document.schema.json in the Core's resources).
root = pathlib.Path(__file__).resolve().parent.parent
plan_schema = json.loads((root / "Sources/WhatMattersCore/Resources/plan-document.schema.json").read_text())
def _reref(node):
    if isinstance(node, dict):
        return {k: ("#/components/schemas/NationalOutcome" if k == "$ref" and v == "#/$defs/nationalOutcome" else _reref(v))
                for k, v in node.items() if k not in ("$schema", "$id", "$defs")}
    if isinstance(node, list): return [_reref(x) for x in node]
    return node
schemas["NationalOutcome"] = plan_schema["$defs"]["nationalOutcome"]
schemas["PlanDocument"] = _reref(plan_schema)
schemas["PlanProblem"] = {"type": "object", "required": ["type", "title", "status", "errors"],
    "description": "An invalid plan document: every problem, each named by its JSON pointer (RFC 6901). Nothing was saved.",
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "required": ["field", "pointer", "code", "message"], "properties": {
            "field": {"type": "string", "description": "The JSON pointer, or / for the whole document."},
            "pointer": {"type": "string"}, "code": {"type": "string", "const": "invalidDocument"}, "message": {"type": "string"}}}}}}
etag = {"ETag": {"description": "The plan's version, for If-Match", "schema": {"type": "string"}}}
doc["paths"]["/api/v1/people/{personID}/plan"] = {
    "parameters": pid("personID"),
    "get": {"operationId": "getPlan", "summary": "The person's plan as a plan document (whatmatters.plan/1)",
            "responses": {"200": {"description": "OK", "headers": etag, "content": {"application/json": {"schema": ref("PlanDocument")}}},
                          **problems("401", "404")}},
    "put": {"operationId": "putPlan", "summary": "Save a plan document as a new version of the person's plan",
            "description": "Every version is kept. What the format cannot carry (reviews, the agreement, the child's voice, service costs) is kept from the current version where it still fits. Send If-Match with the ETag you read: if someone saved since, the save is refused with 409. An invalid document is refused with 422 naming every JSON pointer, and nothing is written.",
            "parameters": [{"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
                            "description": "The version read (the ETag), \"0\" when there is no plan yet."}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PlanDocument")}}},
            "responses": {"200": {"description": "Saved", "headers": etag, "content": {"application/json": {"schema": ref("PlanDocument")}}},
                          **problems("400", "401", "404", "409"),
                          "422": {"description": "Not a valid plan document", "content": {"application/problem+json": {"schema": ref("PlanProblem")}}}}},
}

out = pathlib.Path(__file__).resolve().parent.parent / "Sources/WhatMattersWeb/Resources/openapi.json"
out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {out}")
