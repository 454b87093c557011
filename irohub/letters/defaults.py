# ruff: noqa: E501  (each paragraph is one line: a line break in the text is one in the letter)
"""The letters IRO Hub starts with (an administrator changes them in the administration
pages). Plain text with the placeholders of letters.placeholders; a blank line starts a
paragraph. Written after Wolverhampton's practice: the child hears who their IRO is and
how to reach them, in words for their age; the social worker hears what the IRO will do."""

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "child_under_8": (
        "Hello {child_first_name}! Meet {iro_first_name}",
        """Hello {child_first_name},

My name is {iro_first_name}. I am your Independent Reviewing Officer. That is a long name! It means I am the person who checks that grown-ups are looking after you well.

A few times a year we will have a meeting about you. I want to hear what you think and how you feel. You can tell me, draw me a picture, or ask a grown-up to help you tell me.

If you want to talk to me, ask your carer or your social worker {social_worker_name} to call me on {iro_phone}.

See you soon,
{iro_first_name}""",
    ),
    "child_8_to_12": (
        "Your Independent Reviewing Officer is {iro_name}",
        """Dear {child_first_name},

My name is {iro_name} and from {start_date} I am your Independent Reviewing Officer (IRO). My job is to check that the plans made for you are right for you, and that everyone does what they said they would.

I will chair your reviews: meetings where we talk about how things are going for you. Before each one I will ask what you think. You can come to the meeting, send me your views, or talk to me on my own.

You can contact me whenever you want:
phone {iro_phone}
text {iro_mobile}
e-mail {iro_email}

If you want someone to help you say what you think, you can ask for an advocate.

From {iro_first_name}""",
    ),
    "child_13_plus": (
        "Your Independent Reviewing Officer: {iro_name}",
        """Dear {child_first_name},

I am writing to introduce myself. From {start_date} I am your Independent Reviewing Officer (IRO). I am independent of your social worker and their managers: my job is to make sure your care plan meets your needs, that your wishes and feelings are heard, and to challenge {council} if things are not happening as they should.

I will chair your reviews, and I want you to be part of them: you can attend, help plan the meeting, chair part of it, or send me your views. Whatever you tell me will be taken seriously.

You can reach me directly:
phone {iro_phone}
calls and texts {iro_mobile}
e-mail {iro_email}

You also have the right to an advocate, and to make a complaint if you are unhappy with the service you receive.

Best wishes,
{iro_name}
Independent Reviewing Officer""",
    ),
    "social_worker": (
        "{child_name}: allocated Independent Reviewing Officer",
        """Dear {social_worker_name},

I am writing to let you know that from {start_date} {iro_name} is the Independent Reviewing Officer (IRO) for {child_name}.

The IRO will chair {child_first_name}'s reviews within the statutory timescales, consult {child_first_name} before each review, and monitor the progress of the care plan between reviews. Please make sure the IRO has the care plan, your report for each review at least three working days before it, and is told promptly of any significant change in {child_first_name}'s circumstances.

Where the IRO has concerns about the plan, they will raise them with you first, and then through the dispute resolution process if they are not resolved.

You can contact the IRO on {iro_phone} or at {iro_email}.

{council} Independent Reviewing Service""",
    ),
}
