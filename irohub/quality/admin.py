from django.contrib import admin

from irohub.audit.admin import AuditedAdmin
from irohub.quality.models import ChairingObservation, ServiceFeedback


@admin.register(ServiceFeedback)
class ServiceFeedbackAdmin(AuditedAdmin):
    list_display = ["kind", "received", "source", "about_iro", "concluded"]
    list_filter = ["kind", "source"]
    date_hierarchy = "received"


@admin.register(ChairingObservation)
class ChairingObservationAdmin(AuditedAdmin):
    list_display = ["iro", "observed", "observer", "rating"]
    list_filter = ["rating"]
    date_hierarchy = "observed"
