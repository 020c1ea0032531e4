"""The units of SPEC §2 exist in every installation: created here, never by hand."""

from django.db import migrations

UNITS = [
    ("ccb", "新区城市建设局", "City Construction Bureau", "Arts. 5, 12, 16"),
    ("org_personnel", "新区组织人事局", "Organisation & Personnel Bureau", "Art. 7"),
    ("econ_services", "新区经济服务局", "Economic Services Bureau", "Arts. 9, 13"),
    ("social_construction", "新区社会建设局", "Social Construction Bureau", "Art. 10"),
    ("public_affairs", "新区公共事业局", "Public Affairs Bureau", "Art. 11"),
    ("finance", "新区发展和财政局", "Development & Finance Bureau", "Art. 8"),
    ("discipline", "新区纪检监察局", "Discipline Inspection & Supervision Bureau", "Arts. 6, 15"),
    ("joint_meeting", "新区保障性住房分配与管理联席会议", "Joint Meeting", "Arts. 5, 7, 17"),
    ("verify_planning_land", "规划国土部门", "Planning & Land (verifier)", "Art. 14"),
    ("verify_family_planning", "人口和计划生育部门", "Population & Family Planning (verifier)", "Art. 14"),
    ("verify_social_security", "人力资源和社会保障部门", "Human Resources & Social Security (verifier)", "Art. 14"),
    ("verify_public_security", "公安部门", "Public Security (verifier)", "Art. 14"),
    ("verify_civil_affairs", "民政部门", "Civil Affairs (verifier)", "Art. 14"),
    ("verify_subdistrict", "各街道办事处", "Sub-district offices (verifier)", "Art. 14"),
]


def create_units(apps, schema_editor):
    Unit = apps.get_model("departments", "Unit")
    for code, zh, en, article in UNITS:
        Unit.objects.update_or_create(code=code, defaults={"name_zh": zh, "name_en": en, "article": article})


class Migration(migrations.Migration):
    dependencies = [("departments", "0001_initial")]
    operations = [migrations.RunPython(create_units, migrations.RunPython.noop)]
