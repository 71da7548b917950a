"""Words that title a person ("Mayor Lena Ortiz", "Fire Chief Ruth Okafor")."""

from __future__ import annotations

TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady rev father sister chief officer mayor deputy
    councillor councillors councilor councilors councilman councilwoman councilmember
    councilmembers alderman minister president premier governor senator sen representative rep
    congressman congresswoman leader director secretary chairman chairwoman chair spokesman
    spokeswoman spokesperson captain inspector sergeant sgt constable detective superintendent
    commissioner judge justice coach manager principal professor fire police general colonel
    major lieutenant commander admiral sheriff ceo gov""".split()
)
