#ifndef CHIPWATCH_CLIBXML2_SHIM_H
#define CHIPWATCH_CLIBXML2_SHIM_H
// Debian's libxml2 headers pull in the system ICU, which collides with Foundation's own
// ICU ("'UErrorCode' has different definitions"). Include the version header first and
// switch the ICU part off before anything else is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

// xmlFree is a global function pointer, which Swift imports awkwardly: call it through this.
static inline void cw_xml_free(void *p) { if (p) xmlFree(p); }

// A generic error handler that drops everything: libxml2 writes some errors to stderr
// even with XML_PARSE_NOERROR. Thread-local in 2.9, so each parsing thread installs it.
static void cw_xml_silent_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cw_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, cw_xml_silent_generic_error);
}

// Deny every external entity or DTD load: XML_PARSE_NONET stops http and ftp, not file://.
static xmlParserInputPtr cw_xml_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt; return NULL;
}
static inline void cw_xml_deny_external_entities(void) {
    xmlSetExternalEntityLoader(cw_xml_deny_loader);
}

// ctxt->myDoc may hold a hidden document for DTD entities in SAX mode that
// xmlFreeParserCtxt does not free: free it first.
static inline void cw_xml_free_ctxt(xmlParserCtxtPtr ctxt) {
    if (!ctxt) return;
    if (ctxt->myDoc) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    xmlFreeParserCtxt(ctxt);
}

// The first error of a recovering parse, read from the context (a macro-ish struct field).
static inline int cw_xml_wellformed(xmlParserCtxtPtr ctxt) { return ctxt ? ctxt->wellFormed : 0; }
static inline int cw_xml_error_line(xmlParserCtxtPtr ctxt) { return ctxt ? ctxt->lastError.line : 0; }

#endif
