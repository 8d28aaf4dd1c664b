"""The explicit allow-list of pages anyone may open without logging in.

Everything else needs a login (pages) or a token (API). Adding a name here is a security
decision: the URL-enumeration test lists every route and checks this list is the only way in.
"""

PUBLIC_VIEWS: frozenset[str] = frozenset(
    {
        "ui:home",
        "ui:health",
        "accounts:login",
        "set_language",
        "prevention:check",
        "lapor:index",
        "lapor:form",
        "lapor:status",
        "api:screen",
        "intel:public_check",
        "api:check_contact",
    }
)

# The API authenticates every endpoint itself (Bearer tokens); see waspada.api. These API
# operations are open without a token, by URL name and method (one path may serve a public
# method and a token-only one: POST /public-reports sends a report, GET lists the queue).
PUBLIC_API: frozenset[tuple[str, str]] = frozenset(
    {
        ("api:screen", "POST"),
        ("api:check_contact", "GET"),
        ("api:public_report_submit", "POST"),
        ("api:public_report_status", "GET"),
        ("api:public_report_status", "POST"),
    }
)

API_PREFIX = "/api/"
