from django.http import HttpResponse


def objection_lookup(request):
    return HttpResponse("")


def status_lookup(request):
    return HttpResponse("")
