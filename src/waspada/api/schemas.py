from ninja import Schema


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    type: str


class MeOut(Schema):
    id: int
    username: str
    role: str
    role_label: str
    organisation: OrganisationOut | None
    permissions: list[str]
