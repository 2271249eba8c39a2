from workflow.queue_pages import counts


def queues(request):
    """The user's queues and their counts for the top bar, computed only when a page shows them."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"nav_queues": lambda: counts(user)}
