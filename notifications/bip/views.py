"""The BIP pages: a bundle's index (every document, its versions and metryczka) and the
files at stable addresses — one per version, and one that always serves the latest."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .models import Subject
from .prints import prepared_pdf

SEGMENTS = {"programy": Subject.PROGRAMME, "budzet": Subject.EDITION}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _subject(request, segment: str, key: int):
    subject = SEGMENTS.get(segment)
    obj = selectors.subject_object(subject, key, request.user) if subject else None
    if obj is None:
        raise Http404(_("Nie ma takiego zbioru dokumentów."))
    return subject, obj


def home(request):
    return render(request, "bip/home.html", selectors.published_subjects())


def bundle(request, segment: str, key: int):
    subject, obj = _subject(request, segment, key)
    return render(
        request,
        "bip/bundle.html",
        {
            "subject": obj,
            "segment": segment,
            "key": key,
            "documents": selectors.documents(subject, obj.pk),
            "index_url": reverse("bip:bundle", args=[segment, key]),
        },
    )


def _metryczka(version) -> dict:
    return {
        "wytworzyl": version.prepared_by,
        "data_wytworzenia": version.produced_at.isoformat(),
        "opublikowal": version.published_by,
        "data_publikacji": version.first_published_at.isoformat(),
        "data_zmiany": version.changed_at.isoformat() if version.changed_at else None,
    }


def bundle_json(request, segment: str, key: int):
    """The index for machines: every document, version and file with its address."""

    subject, obj = _subject(request, segment, key)
    documents = [
        {
            "code": document.code,
            "title": document.title,
            "latest": {
                f.extension: request.build_absolute_uri(
                    reverse("bip:latest", args=[segment, key, document.code, f.extension])
                )
                for f in document.history[0].files.all()
            },
            "versions": [
                {
                    "number": version.number,
                    "published_at": version.published_at.isoformat(),
                    "metryczka": _metryczka(version),
                    "files": [
                        {
                            "format": f.extension,
                            "size": f.size,
                            "sha256": f.sha256,
                            "url": request.build_absolute_uri(
                                reverse(
                                    "bip:version",
                                    args=[segment, key, document.code, version.number, f.extension],
                                )
                            ),
                        }
                        for f in version.files.all()
                    ],
                }
                for version in document.history
            ],
        }
        for document in selectors.documents(subject, obj.pk)
    ]
    return JsonResponse({"title": str(obj), "documents": documents})


def _serve(request, segment, key, code, ext, number=None):
    subject, obj = _subject(request, segment, key)
    found = selectors.file_of(subject, obj.pk, code, ext, number) if ext in CONTENT_TYPES else None
    if found is None:
        raise Http404(_("Nie ma takiej wersji dokumentu."))
    response = HttpResponse(bytes(found.content), content_type=CONTENT_TYPES[ext])
    name = f"{code}-v{found.version.number}.{ext}"
    disposition = "inline" if ext == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["ETag"] = f'"{found.sha256}"'
    # A numbered version never changes; the latest address may point elsewhere tomorrow.
    response["Cache-Control"] = "public, max-age=31536000, immutable" if number else "no-cache"
    return response


def version_file(request, segment: str, key: int, code: str, number: int, ext: str):
    return _serve(request, segment, key, code, ext, number)


def latest_file(request, segment: str, key: int, code: str, ext: str):
    return _serve(request, segment, key, code, ext)


# When a client should ask again for a file being prepared (seconds).
RETRY_SECONDS = 3


def pdf_download(request, template: str, context: dict, filename: str, title: str):
    """A PDF download rendered by the worker: the file when ready, else a page (202) that
    says it is being prepared, with a link to ask again."""

    content = prepared_pdf(template, context)
    if content is not None:
        response = HttpResponse(content, content_type=CONTENT_TYPES["pdf"])
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
    response = render(
        request,
        "bip/preparing.html",
        {"title": title},
        status=202,
    )
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
