"""One household, one guarantee (R-3.2, Art. 3): the register of persons, what each person holds, the checks that
intake, ranking, selection, contracts and subsidies call, and the flagged sets a head of the CCB resolves.

The package sits below the chapters (``.importlinter``): the chapters call ``register``, ``selectors`` and
``checks``; only this package and ``housing.urls`` reach its pages and jobs. docs/decisions/0038-one-guarantee.md
"""
