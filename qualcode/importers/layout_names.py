"""The names of the transcript layouts ``--layout`` takes, apart from the readers so the command line loads none of them."""

LAYOUTS = ("labels", "speaker-lines", "table")
