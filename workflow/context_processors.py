from workflow.queues import items, queues_for


def queues(request):
    """The user's queues and their counts for the top bar, computed only when a page shows them."""
    user = request.user
    if not user.is_authenticated:
        return {}

    def nav_queues():
        return [(queue, len(items(user, queue))) for queue in queues_for(user)]

    return {"nav_queues": nav_queues}
