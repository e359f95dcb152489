"""Questions a site or policy officer types into search, and where the answer is.

Each row: the query exactly as typed, and the places that answer it, as the start of a result's
'path#anchor' (so '/schedules/schedule-5-kpis/' also accepts a section of that page). Several are
listed where the site shows the same record in more than one place (a requirement on its own page
and in the comparison, a clause and the decision on its optional wording, a body named in an FAQ
and its glossary term's own page).
"""
from __future__ import annotations

# The areas whose bullets end in a "[specific ... requirements set out in relevant schedule]"
# placeholder (each row's page) and the pages of the schedules those placeholders point to. The
# checklist's copies of them are left out of the search index.
SPECIFIC_PLACEHOLDER = tuple(
    [f"/commitments/{version}-int-{area}/" for version in ("mcp-2016", "icp-2019")
     for area in ("identification", "core-services-signposting", "multidisciplinary-teams", "shared-systems")]
    # The comparison page of each of those rows (named by its 2019 row, or its 2016 row if dropped).
    + [f"/compare/{version}-int-{area}/" for version in ("mcp-2016", "icp-2019")
       for area in ("identification", "core-services-signposting", "multidisciplinary-teams", "shared-systems")]
    + [f"/schedules/{schedule}/" for schedule in (
        "schedule-3-clinical-hub", "schedule-stratification", "schedule-preventative-initiatives",
        "schedule-booking-system", "schedule-systems-technology", "schedule-business-intelligence")])

MULTIDISCIPLINARY = ("/glossary/term-mdt/", "/schedules/schedule-mdts/", "/commitments/mcp-2016-int-multidisciplinary-teams/")
ISAP = ("/faq/faq-section-essential-content/#faq-integration-commitments", "/glossary/term-isap/")

QUESTIONS: list[tuple[str, tuple[str, ...]]] = [
    # Clause and schedule numbers as printed in the guidance.
    ("6.2(d)", ("/clauses/clause-6-2-d/",)),
    ("4.1(b)", ("/clauses/clause-4-1-b/",)),
    ("6.1(e)", ("/clauses/clause-6-1-e/",)),
    ("Schedule 5", ("/schedules/schedule-5-kpis/",)),
    ("Schedule 3", ("/schedules/schedule-3-clinical-hub/",)),
    # Roles and bodies.
    ("GP federation", ("/faq/faq-section-introduction/#faq-who-is-gp-ia-for", "/agreements/gp-ia/")),
    ("power of attorney", ("/faq/faq-section-introduction/#faq-who-is-gp-ia-for", "/agreements/gp-ia/")),
    ("local authority", ("/faq/faq-section-other-agreements/#faq-gp-ia-and-la-ia", "/agreements/la-ia/")),
    ("Integration Leadership Team", ("/faq/faq-section-other-agreements/#faq-gp-ia-and-la-ia", "/agreements/la-ia/",
                                     "/agreements/gp-ia/", "/glossary/term-integration-leadership-team/")),
    # Plain-English questions.
    ("subcontract", ("/faq/faq-section-other-agreements/#faq-gp-ia-and-subcontracts", "/agreements/subcontract/")),
    ("who monitors", ("/faq/faq-section-in-practice/#faq-monitoring-gp-ia", "/agreements/gp-ia/")),
    ("Best for Service", ("/faq/faq-section-essential-content/#faq-shared-governance", "/governance/", "/compare/icp-2019-gov-")),
    ("clinical hub", ("/schedules/schedule-3-clinical-hub/", "/clauses/clause-6-2-d/", "/clauses/clause-6-1-e/")),
    ("summary care record", ("/schedules/schedule-summary-care-record/",)),
    ("co-design", ("/faq/faq-section-developing/#faq-who-develops-gp-ia", "/governance/icp-2019-gov-working-together/",
                   "/compare/icp-2019-gov-working-together/")),
    ("out-of-hours", ("/faq/faq-section-introduction/#faq-who-is-gp-ia-for", "/agreements/gp-ia/",
                      "/glossary/term-out-of-hours/")),
    ("key performance indicators", ("/schedules/schedule-5-kpis/",)),
    ("data sharing agreement", ("/agreements/data-sharing-agreement/",)),
    # Words printed straight after an opening bracket: "(prospective) ICP", "[specific ...]", and
    # "(where appropriate)" (but "where" is a stop word: see docs/about-search.md).
    ("prospective", ("/faq/faq-section-developing/#faq-who-develops-gp-ia", "/agreements/gp-ia/")),
    ("where", ("/commitments/icp-2019-int-common-protocols/", "/commitments/mcp-2016-int-common-protocols/",
               "/compare/icp-2019-int-common-protocols/")),
    ("specific", SPECIFIC_PLACEHOLDER),
    # Added when search moved to Pagefind (measured for both in docs/about-search.md).
    ("clause 6.1(e)", ("/clauses/clause-6-1-e/",)),
    ("where appropriate", ("/commitments/icp-2019-int-common-protocols/", "/commitments/mcp-2016-int-common-protocols/",
                           "/compare/icp-2019-int-common-protocols/")),
    # Abbreviations and what they stand for, from the glossary.
    ("MDT", MULTIDISCIPLINARY),
    ("multidisciplinary team", MULTIDISCIPLINARY),
    ("KPI", ("/schedules/schedule-5-kpis/", "/glossary/term-kpi/")),
    ("ISAP", ISAP),
    ("Integrated Support and Assurance Process", ISAP),
    ("LA IA", ("/faq/faq-section-other-agreements/#faq-gp-ia-and-la-ia", "/agreements/la-ia/", "/glossary/term-la-ia/")),
    ("GMS", ("/glossary/term-gms/", "/agreements/gms-pms-apms-contracts/")),
    # Phrases from the FAQs' questions, and the names of rows and schedules.
    ("who should be involved", ("/faq/faq-section-developing/#faq-who-develops-gp-ia",)),
    ("purpose of a GP Integration Agreement", ("/faq/faq-section-introduction/#faq-purpose-of-gp-ia",)),
    ("estates plan", ("/commitments/icp-2019-int-estates-plan/", "/commitments/mcp-2016-int-estates-plan/",
                      "/compare/icp-2019-int-estates-plan/")),
    ("booking system", ("/schedules/schedule-booking-system/",)),
    ("Five Year Forward View", ("/glossary/term-five-year-forward-view/",)),
]

# Questions as readers type them, written from the two source documents alone (issue: "search that
# answers readers' questions"): whole sentences, readers' own words, typing slips, and clause and
# schedule numbers with the words around them. Each with the places a correct top five holds.
WHO_SIGNS = ("/faq/faq-section-introduction/#faq-who-is-gp-ia-for", "/guidance/guide-can-a-federation-sign-for-practices/")
DEVELOPS = ("/faq/faq-section-developing/#faq-who-develops-gp-ia",)
MONITORING = ("/faq/faq-section-in-practice/#faq-monitoring-gp-ia", "/guidance/guide-who-monitors-our-commitments/")
SUBCONTRACTS = ("/faq/faq-section-other-agreements/#faq-gp-ia-and-subcontracts", "/agreements/subcontract/",
                "/guidance/guide-is-the-gp-ia-a-subcontract/")
SETS_OUT = ("/faq/faq-section-essential-content/#faq-what-gp-ia-sets-out",)
COMMITMENTS = ("/faq/faq-section-essential-content/#faq-integration-commitments",)
DATA_SHARING = ("/agreements/data-sharing-agreement/", "/commitments/icp-2019-int-shared-systems/",
                "/commitments/mcp-2016-int-shared-systems/")
ESTATES = ("/commitments/icp-2019-int-estates-plan/", "/commitments/mcp-2016-int-estates-plan/",
           "/compare/icp-2019-int-estates-plan/")
IDENTIFICATION = ("/commitments/icp-2019-int-identification/", "/commitments/mcp-2016-int-identification/",
                  "/compare/icp-2019-int-identification/", "/schedules/schedule-stratification/")
WORKFORCE = ("/commitments/icp-2019-int-workforce/", "/commitments/mcp-2016-int-workforce/",
             "/compare/icp-2019-int-workforce/", "/schedules/schedule-workforce/")
GP_IA = ("/agreements/gp-ia/", "/glossary/term-gp-ia/", "/faq/faq-section-introduction/#faq-purpose-of-gp-ia")
KPIS = ("/schedules/schedule-5-kpis/", "/glossary/term-kpi/")

READER_QUESTIONS: list[tuple[str, tuple[str, ...]]] = [
    # Whole sentences, stop words and all.
    ("does every practice have to sign", WHO_SIGNS),
    ("who signs the GP IA", WHO_SIGNS),
    ("can a GP federation sign on behalf of practices", WHO_SIGNS),
    ("what does MCP stand for", ("/glossary/term-mcp/",)),
    ("what does ISAP stand for", ("/glossary/term-isap/",)),
    ("what does KPI mean", KPIS),
    ("can the federation negotiate for us", DEVELOPS + ("/glossary/term-gp-federation/",)),
    ("who should be involved in developing the agreement", DEVELOPS),
    ("what changed between 2016 and 2019", ("/compare/text/", "/compare/")),
    ("what is the purpose of the GP integration agreement", ("/faq/faq-section-introduction/#faq-purpose-of-gp-ia",)),
    ("how is the GP IA monitored", MONITORING),
    ("do commissioners monitor the GP IA", MONITORING),
    ("is the GP IA a subcontract", SUBCONTRACTS),
    ("what should the GP IA set out", SETS_OUT),
    ("what are the two main functions of the agreement", SETS_OUT + ("/agreements/gp-ia/",)),
    ("are the integration commitments mandatory", COMMITMENTS),
    ("how does the GP IA relate to the local authority", ("/faq/faq-section-other-agreements/#faq-gp-ia-and-la-ia",)),
    ("where do the key performance indicators go", KPIS),
    # Readers' own words, where the sources use others.
    ("data protection", DATA_SHARING),
    ("information governance", DATA_SHARING),
    ("GDPR", DATA_SHARING),
    ("premises", ESTATES),
    ("buildings", ESTATES),
    ("care plans", IDENTIFICATION),
    ("risk stratification", IDENTIFICATION),
    ("staff training", WORKFORCE),
    ("appointments", ("/schedules/schedule-booking-system/", "/commitments/icp-2019-int-access/",
                      "/commitments/mcp-2016-int-access/")),
    ("indicators", KPIS),
    ("social care", ("/faq/faq-section-other-agreements/#faq-gp-ia-and-la-ia", "/agreements/la-ia/")),
    # One letter wrong (or British spelling where the sources write the noun).
    ("intergration agreement", GP_IA + ("/glossary/term-ia/", "/agreements/mcp-integration-agreement/")),
    ("intigration", GP_IA + ("/glossary/term-ia/", "/glossary/term-icp/", "/faq/faq-section-introduction/")),
    ("intergrated care", ("/glossary/term-icp/", "/glossary/term-care-model/", "/schedules/schedule-care-model/")),
    ("practise", ("/faq/faq-section-introduction/", "/faq/faq-section-in-practice/", "/guidance/")),
    ("stratificaton", IDENTIFICATION),
    ("goverance", ("/governance/", "/faq/faq-section-essential-content/#faq-shared-governance")),
    ("comissioners", MONITORING),
    ("subcontracs", SUBCONTRACTS),
    # Clause and schedule numbers with the words around them.
    ("clause 4.1(b)", ("/clauses/clause-4-1-b/",)),
    ("what is clause 6.2(d)", ("/clauses/clause-6-2-d/",)),
    ("6.1(e) clinical hub", ("/clauses/clause-6-1-e/",)),
    ("schedule 5 KPIs", ("/schedules/schedule-5-kpis/",)),
    ("schedule 3 clinical hub", ("/schedules/schedule-3-clinical-hub/",)),
    ("what goes in schedule 3", ("/schedules/schedule-3-clinical-hub/",)),
]

QUESTIONS += READER_QUESTIONS


def rank(query_targets: tuple[str, ...], pages: list[list[str]]) -> int | None:
    """1-based position of the first page shown whose link, or a section listed under it, answers."""
    return next((n for n, links in enumerate(pages, 1) if answers(query_targets, links)), None)


def answers(query_targets: tuple[str, ...], shown: list[str]) -> list[str]:
    """The results in `shown` that start with one of the targets."""
    return [result for result in shown if result.startswith(query_targets)]
