from django.http import HttpResponse


def home(request):
    return HttpResponse("")


def choose_language(request, code):
    return HttpResponse("")
