"""Nothing of people is registered in the Django admin, on purpose.

Identity, household and bank data are read only through the file screens, which apply the access policy
(need to know, art. 36 and 50 of the organic law) and record every read in the audit trail. The admin does
neither, so exposing people here would open a side door around both.
"""
