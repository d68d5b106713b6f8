"""Sign-in and registration. (The two-step flows of the accounts issue are built here.)"""
