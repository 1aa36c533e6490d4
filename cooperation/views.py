from django.http import HttpResponse


def home(request):
    return HttpResponse("")


healthz = source_detail = institution_detail = record_detail = home
