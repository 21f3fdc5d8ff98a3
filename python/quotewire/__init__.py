"""quotewire: who said what, how, and about whom, for news stories.

The quotewire pipeline (Rust) for Python: sentence segmentation, quotation extraction and speaker
attribution, sentiment of every sentence and quotation, and each quotation's stance toward the
other speakers and toward targets you name. Every record is exactly the one ``quotewire run``
writes for the same document, parsed: spans are byte offsets into the text (``Text`` turns them
into ``str`` indices).

>>> import quotewire
>>> pipeline = quotewire.Pipeline()
>>> record = pipeline.analyse('"We tried very hard," Jeong Kyeong-doo said.')
>>> record["speakers"][0]["name"]
'Jeong Kyeong-doo'

Everything here is the compiled module ``quotewire._quotewire``, but for the pandas tables, which
are built by the Rust export crate and only wrapped in a DataFrame here.
"""

from typing import Any, Iterable, Optional, Union

from ._quotewire import (
    DEFAULT_MAX_DOC_BYTES,
    BinaryDocumentError,
    DocumentTooLargeError,
    DuplicateIdError,
    EmptyDocumentError,
    InternalError,
    InvalidJsonError,
    MissingFieldError,
    Pipe,
    Pipeline,
    QuotewireError,
    SpeakerIndex,
    Text,
    __version__,
    char_span,
    segment,
    sentiment,
    span_text,
)
from . import _quotewire

__all__ = [
    "DEFAULT_MAX_DOC_BYTES",
    "BinaryDocumentError",
    "DocumentTooLargeError",
    "DuplicateIdError",
    "EmptyDocumentError",
    "InternalError",
    "InvalidJsonError",
    "MissingFieldError",
    "Pipe",
    "Pipeline",
    "QuotewireError",
    "SpeakerIndex",
    "Text",
    "__version__",
    "char_span",
    "quotes_frame",
    "segment",
    "sentiment",
    "span_text",
    "speakers_frame",
]


def _pandas(function: str) -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            f"quotewire.{function} needs pandas, which is not installed: "
            "pip install pandas (or pip install 'quotewire[pandas]')"
        ) from e
    return pandas


def _frame(function: str, table: Any) -> Any:
    pandas = _pandas(function)
    names, columns = table
    return pandas.DataFrame(dict(zip(names, columns)), columns=names)


def quotes_frame(records: Iterable[dict], texts: Optional[Iterable[Union[str, bytes]]] = None) -> Any:
    """The quote table of ``quotewire export quotes`` as a pandas DataFrame: one row per quote.

    The columns are the CSV export's (``doc``, ``quote``, ``start``, ``end``, ``headline``,
    ``kind``, ``text``, ``cue``, ``source``, ``speaker_id``, ``speaker``, ``speaker_kind``,
    ``confidence``, ``rule``, ``sentiment``, ``pos``, ``neu``, ``neg``, a ``stance:T`` and
    ``stance_score:T`` pair per issue target, ``speaker_stance``); an empty cell is ``None`` (text)
    or NaN (scores). The words are read from each record's ``text`` (``Pipeline(with_text=True)``)
    or else from ``texts``, the documents in the order of the records. Error records are left out.
    """
    return _frame("quotes_frame", _quotewire.quotes_table(records, texts))


def speakers_frame(
    records_or_index: Union[SpeakerIndex, dict, Iterable[dict]],
    texts: Optional[Iterable[Union[str, bytes]]] = None,
) -> Any:
    """The speaker table of ``quotewire export speakers`` as a pandas DataFrame: one row per speaker.

    From a ``SpeakerIndex``, a speaker index as ``json.load`` reads a ``--index`` file, or records
    (indexed as ``export`` does; their text as for ``quotes_frame``). Columns: ``key``, ``name``,
    ``kind``, ``aliases``, ``joined``, ``documents``, ``quotes``, ``mean_sentiment``, then
    ``stance:T:favor``, ``stance:T:against``, ``stance:T:neutral`` per issue target; most quoted
    first.
    """
    return _frame("speakers_frame", _quotewire.speakers_table(records_or_index, texts))
