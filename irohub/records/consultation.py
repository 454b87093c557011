"""The consultation forms and feedback forms: who is asked what, in which words (pure).

One catalogue, read by the online forms (irohub.consultation), the measures (M-PAR-06 and
the booklet tables: answers by question and age band), the annual report and the demo
council, so a question has one key and one wording everywhere.

The questions follow the councils' consultation booklets (Central Bedfordshire's, designed
by its Children in Care Council: safe where you live and at school, happy where you live,
family time, the social worker, what an advocate is), MOMO's "how did you feel" words,
Wolverhampton's online forms and Bradford's parent and carer feedback form. Versions:
younger children (about 4 to 10), young people (11 and over), an easy-read version with
symbols for disabled children, parents, carers; and the feedback about the IRO after the
review, for children and for parents (Central Bedfordshire's questions about their IRO).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CHOICE",
    "FEELINGS",
    "FORMS",
    "MANY",
    "TEXT",
    "YES_NO",
    "YES_UNSURE_NO",
    "FormVersion",
    "Question",
    "Respondent",
    "answer_pairs",
    "child_version_for_age",
    "form_for",
    "question",
]

TEXT = "text"  # free text
CHOICE = "choice"  # one of `options`
MANY = "many"  # any of `options`


class Respondent(StrEnum):
    CHILD = "child"
    PARENT = "parent"
    CARER = "carer"

    @property
    def label(self) -> str:
        return {"child": "The child", "parent": "A parent", "carer": "The carer"}[self.value]


class FormVersion(StrEnum):
    YOUNGER_CHILD = "younger_child"
    YOUNG_PERSON = "young_person"
    EASY_READ = "easy_read"
    PARENT = "parent"
    CARER = "carer"
    FEEDBACK_CHILD = "feedback_child"
    FEEDBACK_PARENT = "feedback_parent"


YES_UNSURE_NO = (("yes", "Yes"), ("not_sure", "Not sure"), ("no", "No"))
YES_NO = (("yes", "Yes"), ("no", "No"))
# MOMO's "how did you feel" words, as in Central Bedfordshire's table (5.25).
FEELINGS = (
    ("happy", "Happy"),
    ("excited", "Excited"),
    ("calm", "Calm"),
    ("okay", "Okay"),
    ("hopeful", "Hopeful"),
    ("unsure", "Unsure"),
    ("confused", "Confused"),
    ("worried", "Worried"),
    ("nervous", "Nervous"),
    ("angry", "Angry"),
    ("sad", "Sad"),
)
# The easy-read version says each answer with a symbol as well as a word.
SYMBOLS = {"yes": "😊", "not_sure": "😐", "no": "🙁"}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str = CHOICE
    options: tuple[tuple[str, str], ...] = YES_UNSURE_NO
    hint: str = ""
    # Shown in the annual report's booklet tables as "x% said …" for this answer.
    headline: tuple[str, str] | None = None

    def label_of(self, answer: str) -> str:
        return dict(self.options).get(answer, answer)


@dataclass(frozen=True)
class Form:
    version: FormVersion
    respondent: Respondent
    title: str
    intro: str
    questions: tuple[Question, ...]
    after_review: bool = False  # feedback about the IRO, asked after the review
    symbols: bool = False  # easy-read: every answer with a symbol

    @property
    def label(self) -> str:
        return VERSION_LABELS[self.version]


VERSION_LABELS = {
    FormVersion.YOUNGER_CHILD: "Younger children (about 4 to 10)",
    FormVersion.YOUNG_PERSON: "Young people (11 and over)",
    FormVersion.EASY_READ: "Easy read, with symbols",
    FormVersion.PARENT: "Parents",
    FormVersion.CARER: "Carers",
    FormVersion.FEEDBACK_CHILD: "Feedback about the IRO: children and young people",
    FormVersion.FEEDBACK_PARENT: "Feedback about the IRO: parents",
}

SAFE_HOME = Question(
    "safe_home",
    "Do you feel safe where you live?",
    headline=("yes", "felt safe where they live"),
)
SAFE_SCHOOL = Question(
    "safe_school",
    "Do you feel safe at school or college?",
    headline=("yes", "felt safe at school or college"),
)
HAPPY_HOME = Question(
    "happy_home",
    "Are you happy where you live?",
    headline=("yes", "were happy where they live"),
)
LISTENED = Question(
    "listened_to",
    "Do you feel listened to by the adults who look after you?",
    headline=("yes", "felt listened to"),
)
KNOW_WHY = Question(
    "know_why_in_care",
    "Do you know why you are in care?",
    headline=("yes", "knew why they are in care"),
)
FAMILY_TIME = Question(
    "family_time",
    "Are you happy with how often you see your family?",
    headline=("yes", "were happy with family time"),
)
SOCIAL_WORKER = Question(
    "social_worker",
    "Do you know how to get in touch with your social worker?",
    headline=("yes", "knew how to reach their social worker"),
)
ADVOCATE_EXPLAINED = Question(
    "advocate_explained",
    "Has someone explained to you what an advocate is?",
    hint="An advocate is someone who helps you say what you think, and works only for you.",
    options=YES_NO,
    headline=("yes", "had had an advocate explained"),
)
WANT_ADVOCATE = Question(
    "want_advocate",
    "Would you like an advocate to help you at your review?",
    headline=("yes", "wanted an advocate"),
)
FEELINGS_BEFORE = Question(
    "feelings",
    "How do you feel about your review?",
    kind=MANY,
    options=FEELINGS,
    hint="Choose as many as you like.",
)
COME_TO_REVIEW = Question(
    "come_to_review",
    "Would you like to come to your review meeting?",
    options=(("yes", "Yes"), ("part", "For some of it"), ("no", "No"), ("not_sure", "Not sure")),
)
GOING_WELL = Question("going_well", "What is going well for you?", kind=TEXT)
CHANGE = Question("change", "What would you like to change?", kind=TEXT)
SAY_AT_REVIEW = Question(
    "say_at_review", "Is there anything you want to say or ask at your review?", kind=TEXT
)

FORMS: dict[FormVersion, Form] = {
    form.version: form
    for form in (
        Form(
            FormVersion.YOUNGER_CHILD,
            Respondent.CHILD,
            "Your review: tell us what you think",
            "Your review is a meeting about you. Your answers help your IRO make sure the "
            "grown-ups hear what you think. You can ask your carer to help you.",
            (
                SAFE_HOME,
                HAPPY_HOME,
                SAFE_SCHOOL,
                LISTENED,
                FAMILY_TIME,
                FEELINGS_BEFORE,
                COME_TO_REVIEW,
                GOING_WELL,
                CHANGE,
                SAY_AT_REVIEW,
            ),
        ),
        Form(
            FormVersion.YOUNG_PERSON,
            Respondent.CHILD,
            "Your review: have your say",
            "Your review looks at your care plan and what happens next. Your IRO will read "
            "your answers before the meeting. Answer as much or as little as you like.",
            (
                SAFE_HOME,
                HAPPY_HOME,
                SAFE_SCHOOL,
                LISTENED,
                KNOW_WHY,
                FAMILY_TIME,
                SOCIAL_WORKER,
                ADVOCATE_EXPLAINED,
                WANT_ADVOCATE,
                FEELINGS_BEFORE,
                COME_TO_REVIEW,
                GOING_WELL,
                CHANGE,
                SAY_AT_REVIEW,
            ),
        ),
        Form(
            FormVersion.EASY_READ,
            Respondent.CHILD,
            "My review",
            "This is about you. Someone can help you answer. Choose a face for each question.",
            (
                Question("safe_home", "I feel safe at home", headline=SAFE_HOME.headline),
                Question("happy_home", "I am happy where I live", headline=HAPPY_HOME.headline),
                Question("safe_school", "I feel safe at school", headline=SAFE_SCHOOL.headline),
                Question("listened_to", "People listen to me", headline=LISTENED.headline),
                Question("family_time", "I see my family enough", headline=FAMILY_TIME.headline),
                Question("say_at_review", "Anything else I want to say", kind=TEXT),
            ),
            symbols=True,
        ),
        Form(
            FormVersion.PARENT,
            Respondent.PARENT,
            "Your child's review: your views",
            "The Independent Reviewing Officer (IRO) chairs your child's review and must "
            "take your views into account. Your answers are shared with the IRO before the "
            "meeting.",
            (
                Question(
                    "understand_plan",
                    "Do you understand the plan for your child?",
                    headline=("yes", "understood the plan"),
                ),
                Question(
                    "views_heard",
                    "Do you feel your views are listened to?",
                    headline=("yes", "felt their views were listened to"),
                ),
                Question(
                    "family_time",
                    "Are you happy with family time (contact) with your child?",
                    headline=("yes", "were happy with family time"),
                ),
                Question(
                    "attend",
                    "Will you come to the review meeting?",
                    options=(("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure yet")),
                ),
                Question("going_well", "What is going well for your child?", kind=TEXT),
                Question("worries", "Is anything worrying you?", kind=TEXT),
                Question("say_at_review", "What would you like the review to consider?", kind=TEXT),
            ),
        ),
        Form(
            FormVersion.CARER,
            Respondent.CARER,
            "The child's review: the carer's views",
            "Tell the Independent Reviewing Officer how the child is getting on. Your "
            "answers are shared with the IRO before the meeting.",
            (
                Question(
                    "health_appointments",
                    "Has the child been to their health appointments?",
                    headline=("yes", "said health appointments were kept"),
                ),
                Question(
                    "education_settled",
                    "Is the child settled at school or college?",
                    headline=("yes", "said the child was settled at school"),
                ),
                Question(
                    "support_enough",
                    "Do you have the support you need to care for the child?",
                    headline=("yes", "had the support they need"),
                ),
                Question("going_well", "How is the child getting on?", kind=TEXT),
                Question("worries", "Is anything worrying you?", kind=TEXT),
            ),
        ),
        Form(
            FormVersion.FEEDBACK_CHILD,
            Respondent.CHILD,
            "Your review: how was it?",
            "Tell us what you thought of your review and your IRO, so we can do better.",
            (
                Question(
                    "iro_listened",
                    "Did your IRO listen to you?",
                    headline=("yes", "said their IRO listened"),
                ),
                Question(
                    "iro_knows_me",
                    "Does your IRO know you well?",
                    headline=("yes", "said their IRO knows them well"),
                ),
                Question(
                    "understood_decisions",
                    "Did you understand what was decided?",
                    headline=("yes", "understood the decisions"),
                ),
                Question(
                    "had_a_say",
                    "Did you have a say in what was decided?",
                    headline=("yes", "had a say"),
                ),
                Question(
                    "feelings",
                    "How did you feel after your review?",
                    kind=MANY,
                    options=FEELINGS,
                    hint="Choose as many as you like.",
                ),
                Question("comments", "Is there anything else you want to say?", kind=TEXT),
            ),
            after_review=True,
        ),
        Form(
            FormVersion.FEEDBACK_PARENT,
            Respondent.PARENT,
            "Your child's review: your feedback",
            "Tell us what you thought of the review and how the IRO chaired it.",
            (
                Question(
                    "purpose_explained",
                    "Did the IRO explain what the review was for?",
                    headline=("yes", "had the review's purpose explained"),
                ),
                Question(
                    "able_to_give_views",
                    "Were you able to give your views?",
                    headline=("yes", "were able to give their views"),
                ),
                Question(
                    "understood_decisions",
                    "Did you understand the decisions made?",
                    headline=("yes", "understood the decisions"),
                ),
                Question(
                    "chaired_well",
                    "Was the meeting chaired well?",
                    headline=("yes", "said it was chaired well"),
                ),
                Question("comments", "Is there anything else you want to tell us?", kind=TEXT),
            ),
            after_review=True,
        ),
    )
}


def form_for(version: str) -> Form:
    """The form of `version` (KeyError naming it when there is none)."""
    try:
        return FORMS[FormVersion(version)]
    except ValueError:
        raise KeyError(f"no consultation form {version!r}") from None


def question(version: str, key: str) -> Question:
    for candidate in form_for(version).questions:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no question {key!r} on the {version} form")


def child_version_for_age(age: int, *, symbols: bool = False) -> FormVersion:
    """The child's form for their age: easy read when asked for; else younger children
    under 11, young people from 11."""
    if symbols:
        return FormVersion.EASY_READ
    return FormVersion.YOUNGER_CHILD if age < 11 else FormVersion.YOUNG_PERSON


def answer_pairs(version: str, answers: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """The chosen answers of a returned form as (question, answer) pairs, in the form's
    order: one pair per answer ticked; free text and unknown questions left out."""
    try:
        form = form_for(version)
    except KeyError:
        return ()
    pairs: list[tuple[str, str]] = []
    for q in form.questions:
        value = answers.get(q.key)
        if q.kind == TEXT or value in (None, "", []):
            continue
        values = value if isinstance(value, list) else [value]
        allowed = {v for v, _ in q.options}
        pairs.extend((q.key, str(v)) for v in values if v in allowed)
    return tuple(pairs)
